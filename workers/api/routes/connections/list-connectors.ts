import { createRoute } from '@hono/zod-openapi'
import { ConnectorList } from '../../../contract/connectors.ts'
import { listConnectors } from '../../../services/aam/list-connectors.ts'
import type { App } from '../../app-env.ts'
import { bearerSecurity, jsonBody, problemResponses } from '../../openapi.ts'

const route = createRoute({
  operationId: 'listConnectors',
  method: 'get',
  path: '/v1/connectors',
  tags: ['connections'],
  summary: 'List the kinds of connection, with the fields each one asks for',
  security: bearerSecurity,
  responses: { 200: jsonBody(ConnectorList), ...problemResponses },
})

export const registerListConnectors = (app: App) => app.openapi(route, (c) => c.json(listConnectors(), 200))
