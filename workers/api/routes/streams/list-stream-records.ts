import { createRoute, z } from '@hono/zod-openapi'
import { IdParam } from '../../../contract/params.ts'
import { RecordPage } from '../../../contract/streams.ts'
import { listStreamRecords } from '../../../services/aam/list-stream-records.ts'
import type { App } from '../../app-env.ts'
import { bearerSecurity, jsonBody, problemResponses } from '../../openapi.ts'

const route = createRoute({
  operationId: 'listStreamRecords',
  method: 'get',
  path: '/v1/streams/{id}/records',
  tags: ['streams'],
  summary: 'Stored canonical records (preview)',
  security: bearerSecurity,
  request: { params: IdParam, query: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) }) },
  responses: { 200: jsonBody(RecordPage), ...problemResponses },
})

export const registerListStreamRecords = (app: App) =>
  app.openapi(route, async (c) => {
    const { id } = c.req.valid('param')
    const data = await listStreamRecords(c.get('services'), c.get('tenantId'), id, c.req.valid('query').limit)
    return c.json({ data }, 200)
  })
