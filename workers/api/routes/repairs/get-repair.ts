import { createRoute } from '@hono/zod-openapi'
import { IdParam } from '../../../contract/params.ts'
import { Repair } from '../../../contract/repairs.ts'
import { getRepair } from '../../../services/repair/list-repairs.ts'
import type { App } from '../../app-env.ts'
import { bearerSecurity, jsonBody, problemResponses } from '../../openapi.ts'

const route = createRoute({
  operationId: 'getRepair',
  method: 'get',
  path: '/v1/repairs/{id}',
  tags: ['repairs'],
  summary: 'One repair: what it writes, why, and who decided',
  security: bearerSecurity,
  request: { params: IdParam },
  responses: { 200: jsonBody(Repair), ...problemResponses },
})

export const registerGetRepair = (app: App) =>
  app.openapi(route, async (c) =>
    c.json(await getRepair(c.get('services'), c.get('tenantId'), c.req.valid('param').id), 200),
  )
