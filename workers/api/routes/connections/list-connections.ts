import { createRoute } from '@hono/zod-openapi'
import { listConnections } from '../../../adapters/db/aam-repo.ts'
import { withTenant } from '../../../adapters/db/client.ts'
import { Connection, ConnectionList } from '../../../contract/connections.ts'
import { IdParam } from '../../../contract/params.ts'
import { loadConnection } from '../../../services/aam/load-connection.ts'
import { presentConnection } from '../../../services/aam/present-connection.ts'
import type { App } from '../../app-env.ts'
import { bearerSecurity, jsonBody, problemResponses } from '../../openapi.ts'

const list = createRoute({
  operationId: 'listConnections',
  method: 'get',
  path: '/v1/connections',
  tags: ['connections'],
  summary: 'List connections',
  security: bearerSecurity,
  responses: { 200: jsonBody(ConnectionList), ...problemResponses },
})

const get = createRoute({
  operationId: 'getConnection',
  method: 'get',
  path: '/v1/connections/{id}',
  tags: ['connections'],
  summary: 'Get a connection',
  security: bearerSecurity,
  request: { params: IdParam },
  responses: { 200: jsonBody(Connection), ...problemResponses },
})

export const registerReadConnections = (app: App) => {
  app.openapi(list, async (c) => {
    const tenantId = c.get('tenantId')
    const rows = await withTenant(c.get('services').db, tenantId, (tx) => listConnections(tx, tenantId))
    return c.json({ data: rows.map(presentConnection) }, 200)
  })
  app.openapi(get, async (c) => {
    const row = await loadConnection(c.get('services'), c.get('tenantId'), c.req.valid('param').id)
    return c.json(presentConnection(row), 200)
  })
}
