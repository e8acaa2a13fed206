import { createRoute } from '@hono/zod-openapi'
import { Connection } from '../../../contract/connections.ts'
import { IdParam } from '../../../contract/params.ts'
import { getConnection } from '../../../services/aam/get-connection.ts'
import type { App } from '../../app-env.ts'
import { bearerSecurity, jsonBody, problemResponses } from '../../openapi.ts'

const route = createRoute({
  operationId: 'getConnection',
  method: 'get',
  path: '/v1/connections/{id}',
  tags: ['connections'],
  summary: 'Get a connection',
  security: bearerSecurity,
  request: { params: IdParam },
  responses: { 200: jsonBody(Connection), ...problemResponses },
})

export const registerGetConnection = (app: App) =>
  app.openapi(route, async (c) =>
    c.json(await getConnection(c.get('services'), c.get('tenantId'), c.req.valid('param').id), 200),
  )
