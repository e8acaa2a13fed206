import { createRoute } from '@hono/zod-openapi'
import { IdParam } from '../../../contract/params.ts'
import { DriftList } from '../../../contract/streams.ts'
import { listStreamDrift } from '../../../services/aam/list-stream-drift.ts'
import type { App } from '../../app-env.ts'
import { bearerSecurity, jsonBody, problemResponses } from '../../openapi.ts'

const route = createRoute({
  operationId: 'listStreamDrift',
  method: 'get',
  path: '/v1/streams/{id}/drift',
  tags: ['streams'],
  summary: 'Schema drift history of a stream, newest first, with each change classified',
  security: bearerSecurity,
  request: { params: IdParam },
  responses: { 200: jsonBody(DriftList), ...problemResponses },
})

export const registerListStreamDrift = (app: App) =>
  app.openapi(route, async (c) => {
    const data = await listStreamDrift(c.get('services'), c.get('tenantId'), c.req.valid('param').id)
    return c.json({ data }, 200)
  })
