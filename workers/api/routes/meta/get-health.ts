import { createRoute, z } from '@hono/zod-openapi'
import type { App } from '../../app-env.ts'
import { jsonBody } from '../../openapi.ts'

const Health = z.object({ status: z.literal('ok') }).openapi('Health')

const route = createRoute({
  operationId: 'getHealth',
  method: 'get',
  path: '/healthz',
  security: [],
  tags: ['meta'],
  summary: 'Liveness: the Worker answers',
  responses: { 200: jsonBody(Health) },
})

export const registerGetHealth = (app: App) => app.openapi(route, (c) => c.json({ status: 'ok' as const }, 200))
