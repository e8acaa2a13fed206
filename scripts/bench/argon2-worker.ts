/**
 * Benchmark-only Worker: `/hash` runs one Argon2id hash with the API's parameters, `/noop` nothing.
 * workerd freezes clocks during pure CPU work, so the hash time is measured from outside as the
 * latency difference between the two.
 */
import { hashPassword } from '../../workers/adapters/passwords.ts'

export default {
  async fetch(request: Request) {
    if (new URL(request.url).pathname === '/hash') return new Response(await hashPassword('benchmark password'))
    return new Response('ok')
  },
} satisfies ExportedHandler
