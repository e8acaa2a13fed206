import { createRoute, z } from '@hono/zod-openapi'
import { checkReadiness } from '../../../services/meta/check-readiness.ts'
import type { App } from '../../app-env.ts'
import { jsonBody } from '../../openapi.ts'

const Check = z.object({ ok: z.boolean(), latency_ms: z.number(), error: z.string().optional() })
const Readiness = z
  .object({
    status: z.enum(['ready', 'degraded', 'unavailable']).openapi({
      description:
        '`degraded`: Redis is down and the API serves without it (rate limits counted per isolate, flags read from Postgres, LLM telemetry not counted); `unavailable`: Postgres is down.',
    }),
    degraded: z.array(z.enum(['redis'])).openapi({ description: 'The dependencies the API is running without.' }),
    checks: z.object({ postgres: Check, redis: Check }),
  })
  .openapi('Readiness')

const route = createRoute({
  operationId: 'getReadiness',
  method: 'get',
  path: '/readyz',
  security: [],
  tags: ['meta'],
  summary: 'Readiness: Postgres and Redis answer',
  responses: {
    200: jsonBody(Readiness, 'Serving: `ready`, or `degraded` without Redis'),
    503: jsonBody(Readiness, 'Postgres is down'),
  },
})

export const registerGetReadiness = (app: App) =>
  app.openapi(route, async (c) => {
    const readiness = await checkReadiness(c.get('services'))
    return readiness.status === 'unavailable' ? c.json(readiness, 503) : c.json(readiness, 200)
  })
