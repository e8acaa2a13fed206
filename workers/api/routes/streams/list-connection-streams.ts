import { createRoute } from '@hono/zod-openapi'
import { IdParam } from '../../../contract/params.ts'
import { StreamList } from '../../../contract/streams.ts'
import { listConnectionStreams } from '../../../services/aam/list-streams.ts'
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

export const registerListConnectionStreams = (app: App) =>
  app.openapi(route, async (c) => {
    const data = await listConnectionStreams(c.get('services'), c.get('tenantId'), c.req.valid('param').id)
    return c.json({ data }, 200)
  })
