import { createRoute, z } from '@hono/zod-openapi'
import { CloudEvent } from '../../../contract/events.ts'
import { listRecentEvents } from '../../../services/events/list-recent-events.ts'
import type { App } from '../../app-env.ts'
import { bearerSecurity, jsonBody, problemResponses } from '../../openapi.ts'

const RecentEvents = z
  .object({
    data: z.array(CloudEvent),
    last_event_id: z.number().int().openapi({ description: 'Open the live stream after this id to miss nothing' }),
  })
  .openapi('RecentEvents')

const route = createRoute({
  operationId: 'listRecentEvents',
  method: 'get',
  path: '/v1/events',
  tags: ['events'],
  summary: 'The tenant’s most recent events, newest first',
  security: bearerSecurity,
  request: { query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }) },
  responses: { 200: jsonBody(RecentEvents), ...problemResponses },
})

export const registerListRecentEvents = (app: App) =>
  app.openapi(route, async (c) =>
    c.json(await listRecentEvents(c.get('services'), c.get('tenantId'), c.req.valid('query').limit), 200),
  )
