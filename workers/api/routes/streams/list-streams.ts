import { createRoute } from '@hono/zod-openapi'
import { listStreams, listTenantStreams } from '../../../adapters/db/aam-repo.ts'
import { withTenant } from '../../../adapters/db/client.ts'
import { IdParam } from '../../../contract/params.ts'
import { StreamList } from '../../../contract/streams.ts'
import { loadConnection } from '../../../services/aam/load-connection.ts'
import { presentStream } from '../../../services/aam/present-connection.ts'
import type { App } from '../../app-env.ts'
import { bearerSecurity, jsonBody, problemResponses } from '../../openapi.ts'

const route = createRoute({
  operationId: 'listConnectionStreams',
  method: 'get',
  path: '/v1/connections/{id}/streams',
  tags: ['streams'],
  summary: 'Streams of a connection with their inferred schemas, fingerprints and field profiles',
  security: bearerSecurity,
  request: { params: IdParam },
  responses: { 200: jsonBody(StreamList), ...problemResponses },
})

const allRoute = createRoute({
  operationId: 'listStreams',
  method: 'get',
  path: '/v1/streams',
  tags: ['streams'],
  summary: 'Every stream of the tenant’s connections',
  security: bearerSecurity,
  responses: { 200: jsonBody(StreamList), ...problemResponses },
})

export const registerListStreams = (app: App) => {
  app.openapi(allRoute, async (c) => {
    const tenantId = c.get('tenantId')
    const rows = await withTenant(c.get('services').db, tenantId, (tx) => listTenantStreams(tx, tenantId))
    return c.json({ data: rows.map(presentStream) }, 200)
  })
  app.openapi(route, async (c) => {
    const tenantId = c.get('tenantId')
    const connection = await loadConnection(c.get('services'), tenantId, c.req.valid('param').id)
    const rows = await withTenant(c.get('services').db, tenantId, (tx) => listStreams(tx, tenantId, connection.id))
    return c.json({ data: rows.map(presentStream) }, 200)
  })
}
