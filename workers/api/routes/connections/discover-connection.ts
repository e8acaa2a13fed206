import { createRoute } from '@hono/zod-openapi'
import { Discovery } from '../../../contract/connections.ts'
import { IdParam } from '../../../contract/params.ts'
import { discoverConnection } from '../../../services/aam/discover-connection.ts'
import type { App } from '../../app-env.ts'
import { requireRole } from '../../middleware/require-role.ts'
import { bearerSecurity, jsonBody, problemResponses } from '../../openapi.ts'

const route = createRoute({
  operationId: 'discoverConnection',
  method: 'post',
  path: '/v1/connections/{id}/discover',
  tags: ['connections'],
  summary: 'List the streams with their schemas and field profiles (from the newest file, or a sample of rows)',
  description: 'Reads and profiles; stores nothing and changes no stream.',
  security: bearerSecurity,
  // It calls the source with the stored credentials, so read-only viewers may not.
  middleware: [requireRole('member')] as const,
  request: { params: IdParam },
  responses: { 200: jsonBody(Discovery), ...problemResponses },
})

export const registerDiscoverConnection = (app: App) =>
  app.openapi(route, async (c) =>
    c.json(await discoverConnection(c.get('services'), c.get('tenantId'), c.req.valid('param').id), 200),
  )
