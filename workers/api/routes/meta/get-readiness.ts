import { createRoute, z } from '@hono/zod-openapi'
import { checkReadiness } from '../../../services/meta/check-readiness.ts'
import type { App } from '../../app-env.ts'
import { jsonBody } from '../../openapi.ts'

const Check = z.object({ ok: z.boolean(), latency_ms: z.number(), error: z.string().optional() })
const Readiness = z
  .object({ status: z.enum(['ready', 'unavailable']), checks: z.object({ postgres: Check, redis: Check }) })
  .openapi('Readiness')

const route = createRoute({
  operationId: 'getReadiness',
  method: 'get',
  path: '/readyz',
  security: [],
  tags: ['meta'],
  summary: 'Readiness: Postgres and Redis answer',
  responses: { 200: jsonBody(Readiness), 503: jsonBody(Readiness, 'A dependency is down') },
})

export const registerGetReadiness = (app: App) =>
  app.openapi(route, async (c) => {
    const { ready, checks } = await checkReadiness(c.get('services'))
    const body = { status: ready ? ('ready' as const) : ('unavailable' as const), checks }
    return ready ? c.json(body, 200) : c.json(body, 503)
  })
