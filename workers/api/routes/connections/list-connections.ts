import { createRoute } from '@hono/zod-openapi'
import { ConnectionList } from '../../../contract/connections.ts'
import { listConnections } from '../../../services/aam/list-connections.ts'
import type { App } from '../../app-env.ts'
import { bearerSecurity, jsonBody, problemResponses } from '../../openapi.ts'

const route = createRoute({
  operationId: 'listConnections',
  method: 'get',
  path: '/v1/connections',
  tags: ['connections'],
  summary: 'List connections',
  security: bearerSecurity,
  responses: { 200: jsonBody(ConnectionList), ...problemResponses },
})

export const registerListConnections = (app: App) =>
  app.openapi(route, async (c) => c.json(await listConnections(c.get('services'), c.get('tenantId')), 200))
