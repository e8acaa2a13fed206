import { createRoute } from '@hono/zod-openapi'
import { IdParam } from '../../../contract/params.ts'
import { PageQuery, QuarantineList } from '../../../contract/streams.ts'
import { listConnectionQuarantine } from '../../../services/aam/list-quarantine.ts'
import type { App } from '../../app-env.ts'
import { bearerSecurity, jsonBody, problemResponses } from '../../openapi.ts'

const route = createRoute({
  operationId: 'listConnectionQuarantine',
  method: 'get',
  path: '/v1/connections/{id}/quarantine',
  tags: ['streams'],
  summary: 'Records of all of a connection’s streams that could not be stored (oldest first)',
  description: 'Every unresolved entry, a page at a time: follow `next_cursor` until it is null.',
  security: bearerSecurity,
  request: { params: IdParam, query: PageQuery(500, 100) },
  responses: { 200: jsonBody(QuarantineList), ...problemResponses },
})

export const registerListConnectionQuarantine = (app: App) =>
  app.openapi(route, async (c) =>
    c.json(
      await listConnectionQuarantine(
        c.get('services'),
        c.get('tenantId'),
        c.req.valid('param').id,
        c.req.valid('query'),
      ),
      200,
    ),
  )
