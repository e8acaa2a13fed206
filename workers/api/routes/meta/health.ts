import { createRoute, z } from '@hono/zod-openapi'
import { checkReadiness } from '../../../services/meta/check-readiness.ts'
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

export const registerHealth = (app: App) => {
  app.openapi(healthz, (c) => c.json({ status: 'ok' as const }, 200))
  app.openapi(readyz, async (c) => {
    const { ready, checks } = await checkReadiness(c.get('services'))
    const body = { status: ready ? ('ready' as const) : ('unavailable' as const), checks }
    return ready ? c.json(body, 200) : c.json(body, 503)
  })
}
