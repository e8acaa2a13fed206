import { createRoute, z } from '@hono/zod-openapi'
import { sql } from 'drizzle-orm'
import type { App } from '../../app-env.ts'
import { jsonBody } from '../../openapi.ts'

const Health = z.object({ status: z.literal('ok') }).openapi('Health')
const Check = z.object({ ok: z.boolean(), latency_ms: z.number(), error: z.string().optional() })
const Readiness = z
  .object({ status: z.enum(['ready', 'unavailable']), checks: z.object({ postgres: Check, redis: Check }) })
  .openapi('Readiness')

const healthz = createRoute({
  operationId: 'getHealth',
  method: 'get',
  path: '/healthz',
  security: [],
  tags: ['meta'],
  summary: 'Liveness: the Worker answers',
  responses: { 200: jsonBody(Health) },
})

const readyz = createRoute({
  operationId: 'getReadiness',
  method: 'get',
  path: '/readyz',
  security: [],
  tags: ['meta'],
  summary: 'Readiness: Postgres and Redis answer',
  responses: { 200: jsonBody(Readiness), 503: jsonBody(Readiness, 'A dependency is down') },
})

async function timed(check: () => Promise<unknown>) {
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

export const registerHealth = (app: App) => {
  app.openapi(healthz, (c) => c.json({ status: 'ok' as const }, 200))
  app.openapi(readyz, async (c) => {
    const services = c.get('services')
    const [postgres, redis] = await Promise.all([
      timed(() => services.db.execute(sql`select 1`)),
      timed(() => services.redis.ping()),
    ])
    const ready = postgres.ok && redis.ok
    const body = { status: ready ? ('ready' as const) : ('unavailable' as const), checks: { postgres, redis } }
    return ready ? c.json(body, 200) : c.json(body, 503)
  })
}
