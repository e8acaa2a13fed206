import { createRoute, z } from '@hono/zod-openapi'
import type { TenantHub } from '../../../../durable-objects/tenant-hub.ts'
import { tenantHub } from '../../../adapters/events.ts'
import { CloudEvent } from '../../../core/events/schema.ts'
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

export const registerRecentEvents = (app: App) =>
  app.openapi(route, async (c) => {
    const { limit } = c.req.valid('query')
    // RPC typing turns CloudEvent's `unknown` payload into `never`; the hub returns exactly this shape.
    const recent = (await tenantHub(c.get('services').env, c.get('tenantId')).recent(limit)) as unknown as Awaited<
      ReturnType<TenantHub['recent']>
    >
    return c.json({ data: recent.events, last_event_id: recent.last_seq }, 200)
  })
