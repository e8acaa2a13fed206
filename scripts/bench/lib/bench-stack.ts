import { freePort } from '../../lib/free-port.ts'
import { generateDataKey, generateSigningJwk } from '../../lib/local-secrets.ts'
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
  progress(`starting the stack (${databaseUrl ? 'PostgreSQL' : 'embedded PGlite'}) and wrangler dev`)
  const stack = await startLocalStack({ ...(databaseUrl ? { databaseUrl } : {}), ...(redisUrl ? { redisUrl } : {}) })
  try {
    const api = await startWranglerDev({
      port: await freePort(),
      quiet: true,
      vars: {
        ...stack.bindings,
        JWT_PRIVATE_JWK: await generateSigningJwk(),
        DATA_ENCRYPTION_KEY: generateDataKey(),
        ...extraVars,
      },
    })
    const res = await fetch(`${api.url}/v1/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: `bench-${Date.now()}@example.com`,
        password: 'benchmark pass',
        tenant_name: 'Bench',
      }),
    })
    const { access_token: token } = (await res.json()) as { access_token: string }
    return {
      url: api.url,
      token,
      /** Admin URL of the database the API uses (for baselines in the same database). */
      databaseUrl: stack.adminDatabaseUrl,
      databaseLabel: databaseUrl ? 'PostgreSQL' : 'embedded PGlite',
      async stop() {
        await api.stop()
        await stack.stop()
      },
    }
  } catch (error) {
    await stack.stop()
    throw error
  }
}
