import { createRoute } from '@hono/zod-openapi'
import { IdParam } from '../../../contract/params.ts'
import { QuarantineList } from '../../../contract/streams.ts'
import { listStreamQuarantine } from '../../../services/aam/list-quarantine.ts'
import type { App } from '../../app-env.ts'
import { bearerSecurity, jsonBody, problemResponses } from '../../openapi.ts'

const route = createRoute({
  operationId: 'listStreamQuarantine',
  method: 'get',
  path: '/v1/streams/{id}/quarantine',
  tags: ['streams'],
  summary: 'Records that could not be stored, with the reason and the raw input',
  security: bearerSecurity,
  request: { params: IdParam },
  responses: { 200: jsonBody(QuarantineList), ...problemResponses },
})

export const registerListStreamQuarantine = (app: App) =>
  app.openapi(route, async (c) => {
    const data = await listStreamQuarantine(c.get('services'), c.get('tenantId'), c.req.valid('param').id)
    return c.json({ data }, 200)
  })
