import { createRoute } from '@hono/zod-openapi'
import { ListViewRowsQuery, ViewParams, ViewRowPage } from '../../../contract/dcl-views.ts'
import { listViewRows } from '../../../services/dcl/read-views.ts'
import type { App } from '../../app-env.ts'
import { bearerSecurity, jsonBody, problemResponses } from '../../openapi.ts'

const route = createRoute({
  operationId: 'listDclViewRows',
  method: 'get',
  path: '/v1/dcl/views/{entity}/rows',
  tags: ['dcl'],
  summary: 'A page of a unified view’s rows, most recently refreshed first, each value with its lineage',
  description: 'Follow `next_cursor` for the next page; `total` counts the rows matching the filters.',
  security: bearerSecurity,
  request: { params: ViewParams, query: ListViewRowsQuery },
  responses: { 200: jsonBody(ViewRowPage), ...problemResponses },
})

export const registerListDclViewRows = (app: App) =>
  app.openapi(route, async (c) =>
    c.json(
      await listViewRows(c.get('services'), c.get('tenantId'), c.req.valid('param').entity, c.req.valid('query')),
      200,
    ),
  )
