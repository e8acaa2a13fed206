import { sql } from 'drizzle-orm'
import type { Services } from '../container.ts'

type Check = { ok: boolean; latency_ms: number; error?: string }

async function timed(check: () => Promise<unknown>): Promise<Check> {
  const started = performance.now()
  try {
    await check()
    return { ok: true, latency_ms: Math.round(performance.now() - started) }
  } catch (error) {
    return {
      ok: false,
      latency_ms: Math.round(performance.now() - started),
      error: error instanceof Error ? error.message : 'failed',
    }
  }
}

/** Whether Postgres and Redis answer, each with its round-trip time (and its error when it does not). */
export async function checkReadiness(services: Services) {
  const [postgres, redis] = await Promise.all([
    timed(() => services.db.execute(sql`select 1`)),
    timed(() => services.redis.ping()),
  ])
  return { ready: postgres.ok && redis.ok, checks: { postgres, redis } }
}
