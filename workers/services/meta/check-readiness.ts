import { sql } from 'drizzle-orm'
import type { Services } from '../container.ts'
import { REDIS_WAIT_MS, within } from '../within.ts'

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

/**
 * Whether Postgres and Redis answer, each with its round-trip time (and its error when it does not).
 * Without Postgres nothing works (`unavailable`); without Redis the API still serves, on local rate
 * limits, flags from Postgres and uncounted LLM telemetry (`degraded`, naming what is down).
 */
export async function checkReadiness(services: Services) {
  const [postgres, redis] = await Promise.all([
    timed(() => services.db.execute(sql`select 1`)),
    timed(() => within(services.redis.ping(), REDIS_WAIT_MS, 'Redis ping')),
  ])
  const status = !postgres.ok ? 'unavailable' : redis.ok ? 'ready' : 'degraded'
  const degraded: 'redis'[] = redis.ok ? [] : ['redis']
  return { status, degraded, checks: { postgres, redis } } as const
}
