import { createRoute } from '@hono/zod-openapi'
import { IdParam } from '../../../contract/params.ts'
import { StreamList } from '../../../contract/streams.ts'
import { listConnectionStreams, listStreams } from '../../../services/aam/list-streams.ts'
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
  app.openapi(allRoute, async (c) => c.json({ data: await listStreams(c.get('services'), c.get('tenantId')) }, 200))
  app.openapi(route, async (c) => {
    const data = await listConnectionStreams(c.get('services'), c.get('tenantId'), c.req.valid('param').id)
    return c.json({ data }, 200)
  })
}
