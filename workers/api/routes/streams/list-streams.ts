import { createRoute } from '@hono/zod-openapi'
import { StreamList } from '../../../contract/streams.ts'
import { listStreams } from '../../../services/aam/list-streams.ts'
import type { App } from '../../app-env.ts'
import { bearerSecurity, jsonBody, problemResponses } from '../../openapi.ts'

const route = createRoute({
  operationId: 'listStreams',
  method: 'get',
  path: '/v1/streams',
  tags: ['streams'],
  summary: 'Every stream of the tenant’s connections',
  security: bearerSecurity,
  responses: { 200: jsonBody(StreamList), ...problemResponses },
})

export const registerListStreams = (app: App) =>
  app.openapi(route, async (c) => c.json({ data: await listStreams(c.get('services'), c.get('tenantId')) }, 200))
