import { createFakeMail } from '../../../dev/vendors/mail.ts'
import { serveRoutes } from '../../../dev/vendors/vendor-routes.ts'
import { signupViaMailbox } from '../../lib/api-client.ts'
import { freePort } from '../../lib/free-port.ts'
import { ensureDatabase } from '../../lib/fresh-database.ts'
import { generateApiKey, generateDataKey, generateSigningJwk } from '../../lib/local-secrets.ts'
import { startLocalStack } from '../../lib/local-stack.ts'
import { startWranglerDev } from '../../lib/wrangler-dev.ts'
import { progress } from './stats.ts'

/**
 * The stack + `wrangler dev` of the API, and a signed-up tenant owner, for benchmarks. Embedded by
 * default; BENCH_DATABASE_URL / BENCH_REDIS_URL point it at real services instead.
 */
export async function startBenchApi(extraVars: Record<string, string> = {}) {
  const databaseUrl = process.env.BENCH_DATABASE_URL
  const redisUrl = process.env.BENCH_REDIS_URL
  // A real server may lack pgvector, which the first migration needs, or the database named: say what to run
  // instead of a stack trace, and create a missing database.
  if (databaseUrl) await ensureDatabase(new URL(databaseUrl), 'This benchmark')
  progress(`starting the stack (${databaseUrl ? 'PostgreSQL' : 'embedded PGlite'}) and wrangler dev`)
  const stack = await startLocalStack({ ...(databaseUrl ? { databaseUrl } : {}), ...(redisUrl ? { redisUrl } : {}) })
  // Account emails (the signup link) go to the mail stand-in, never out.
  const mailApiKey = generateApiKey()
  const mail = await serveRoutes(await freePort(), [createFakeMail({ apiKey: mailApiKey })])
  try {
    const api = await startWranglerDev({
      port: await freePort(),
      quiet: true,
      vars: {
        ...stack.bindings,
        JWT_PRIVATE_JWK: await generateSigningJwk(),
        DATA_ENCRYPTION_KEY: generateDataKey(),
        EMAIL_API_URL: `${mail.url}/resend`,
        EMAIL_API_KEY: mailApiKey,
        ...extraVars,
      },
    })
    /** Signs up one more tenant's owner; its access token. */
    const signupTenant = (name: string) =>
      signupViaMailbox(api.url, mail.url, {
        email: `bench-${crypto.randomUUID().slice(0, 12)}@example.com`,
        password: 'benchmark pass phrase 2026',
        tenant_name: name,
      })
    const token = await signupTenant('Bench')
    return {
      url: api.url,
      token,
      signupTenant,
      /** Admin URL of the database the API uses (for baselines in the same database). */
      databaseUrl: stack.adminDatabaseUrl,
      databaseLabel: databaseUrl ? 'PostgreSQL' : 'embedded PGlite',
      /** The WebSocket proxy the Worker's Neon driver reaches that database through. */
      dbWsProxy: stack.bindings.DB_WS_PROXY,
      /** Process group of this wrangler dev (its workerd included), to tell it from other workerd processes. */
      processGroup: api.child.pid as number,
      /** The worker's inspector (lib/worker-inspector.ts: its V8 heap, its CPU profile). */
      inspectorPort: api.inspectorPort,
      async stop() {
        await api.stop()
        await mail.stop()
        await stack.stop()
      },
    }
  } catch (error) {
    await mail.stop()
    await stack.stop()
    throw error
  }
}
