import { env } from 'cloudflare:workers'
import { expect } from 'vitest'

const outage = async (keyPart: string, down: boolean) => {
  const res = await fetch(`${env.UPSTASH_REDIS_REST_URL}/__outage`, {
    method: 'POST',
    headers: { authorization: `Bearer ${env.UPSTASH_REDIS_REST_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ key_part: keyPart, down }),
  })
  expect(res.status).toBe(200)
}

/**
 * Runs `fn` while the stack's Redis refuses every command on the tenant's keys (the Upstash stand-in's
 * outage switch, scripts/lib/upstash-shim.ts): the whole Worker, queue consumers included, meets a Redis
 * that is down for this tenant, and other test files are untouched.
 */
export async function whileRedisDownFor<T>(tenantId: string, fn: () => Promise<T>): Promise<T> {
  await outage(tenantId, true)
  try {
    return await fn()
  } finally {
    await outage(tenantId, false)
  }
}
