import { createRoute } from '@hono/zod-openapi'
import { ViewRowDetail, ViewRowParams } from '../../../contract/dcl-views.ts'
import { getViewRow } from '../../../services/dcl/read-views.ts'
import type { App } from '../../app-env.ts'
import { bearerSecurity, jsonBody, problemResponses } from '../../openapi.ts'

const route = createRoute({
  operationId: 'getDclViewRow',
  method: 'get',
  path: '/v1/dcl/views/{entity}/rows/{unified_id}',
  tags: ['dcl'],
  summary: 'One unified row: its values, where each came from, and the source records merged into it',
  security: bearerSecurity,
  request: { params: ViewRowParams },
  responses: { 200: jsonBody(ViewRowDetail), ...problemResponses },
})

export const registerGetDclViewRow = (app: App) =>
  app.openapi(route, async (c) => {
    const { entity, unified_id } = c.req.valid('param')
    return c.json(await getViewRow(c.get('services'), c.get('tenantId'), entity, unified_id), 200)
  })
