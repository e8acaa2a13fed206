/**
 * Runs the local stack in its own process and prints one JSON line with its bindings; stops on
 * SIGTERM/SIGINT or when stdin closes (so a crashed parent never leaves it behind).
 * Used by the test setup: test runners load setup code with browser/workerd resolve conditions,
 * which Node-only packages (PGlite socket server, ioredis) do not survive.
 */

import { FakeMongoServer } from '../../dev/vendors/mongodb.ts'
import { startHarness } from '../../test/support/harness-server.ts'
import { freePort } from './free-port.ts'
import { generateApiKey, generateDataKey, generateSigningJwk } from './local-secrets.ts'
import { startLocalStack } from './local-stack.ts'

const stack = await startLocalStack({
  ...(process.env.STACK_DATABASE_URL ? { databaseUrl: process.env.STACK_DATABASE_URL } : {}),
  ...(process.env.STACK_REDIS_URL ? { redisUrl: process.env.STACK_REDIS_URL } : {}),
  log: (line) => process.stderr.write(`${line}\n`),
})
const mailApiKey = generateApiKey()
const harness = await startHarness(await freePort(), mailApiKey)
// The MongoDB stand-in (wire protocol); each test file uses a database of its own.
const mongo = new FakeMongoServer()
await mongo.start()
process.stdout.write(
  `${JSON.stringify({
    bindings: {
      ...stack.bindings,
      JWT_PRIVATE_JWK: await generateSigningJwk(),
      DATA_ENCRYPTION_KEY: generateDataKey(),
      // Emails land in the harness's mailbox: tests read them at `${harnessUrl}/mailbox/messages?to=…`.
      EMAIL_API_URL: `${harness.url}/resend`,
      EMAIL_API_KEY: mailApiKey,
      APP_URL: 'http://aos.test',
    },
    harnessUrl: harness.url,
    mongoUrl: mongo.uri,
    description: `postgres=${stack.describe.postgres} redis=${stack.describe.redis}`,
  })}\n`,
)
let stopping = false
const stop = async () => {
  if (stopping) return
  stopping = true
  await harness.stop()
  await mongo.stop()
  await stack.stop()
  process.exit(0)
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
process.stdin.on('end', stop)
process.stdin.resume()
