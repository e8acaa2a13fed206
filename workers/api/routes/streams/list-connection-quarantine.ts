import { createRoute } from '@hono/zod-openapi'
import { IdParam } from '../../../contract/params.ts'
import { QuarantineList } from '../../../contract/streams.ts'
import { listConnectionQuarantine } from '../../../services/aam/list-quarantine.ts'
import type { App } from '../../app-env.ts'
import { bearerSecurity, jsonBody, problemResponses } from '../../openapi.ts'

const route = createRoute({
  operationId: 'listConnectionQuarantine',
  method: 'get',
  path: '/v1/connections/{id}/quarantine',
  tags: ['streams'],
  summary: 'Records of all of a connection’s streams that could not be stored (oldest first, up to 500)',
  security: bearerSecurity,
  request: { params: IdParam },
  responses: { 200: jsonBody(QuarantineList), ...problemResponses },
})

export const registerListConnectionQuarantine = (app: App) =>
  app.openapi(route, async (c) => {
    const data = await listConnectionQuarantine(c.get('services'), c.get('tenantId'), c.req.valid('param').id)
    return c.json({ data }, 200)
  })
