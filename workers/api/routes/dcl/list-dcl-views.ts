import { createRoute } from '@hono/zod-openapi'
import { ViewList } from '../../../contract/dcl-views.ts'
import { listViews } from '../../../services/dcl/read-views.ts'
import type { App } from '../../app-env.ts'
import { bearerSecurity, jsonBody, problemResponses } from '../../openapi.ts'

const route = createRoute({
  operationId: 'listDclViews',
  method: 'get',
  path: '/v1/dcl/views',
  tags: ['dcl'],
  summary: 'The unified views, one per canonical entity: rows, source records merged, sources, last refresh',
  description:
    'A view merges an entity’s records from every source into one row per real-world entity (accounts by web domain, email or name, then a fuzzy match; contacts by email, then a fuzzy match; opportunities and records by source id). It refreshes as canonical events arrive.',
  security: bearerSecurity,
  responses: { 200: jsonBody(ViewList), ...problemResponses },
})

export const registerListDclViews = (app: App) =>
  app.openapi(route, async (c) => c.json(await listViews(c.get('services'), c.get('tenantId')), 200))
