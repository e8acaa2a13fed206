import { createRoute } from '@hono/zod-openapi'
import { ViewParams, ViewRebuild } from '../../../contract/dcl-views.ts'
import { MAX_REBUILD_MEMBERS, rebuildView } from '../../../services/dcl/refresh-views.ts'
import type { App } from '../../app-env.ts'
import { requireRole } from '../../middleware/require-role.ts'
import { bearerSecurity, jsonBody, problem, problemResponses } from '../../openapi.ts'

const route = createRoute({
  operationId: 'rebuildDclView',
  method: 'post',
  path: '/v1/dcl/views/{entity}/rebuild',
  tags: ['dcl'],
  summary: 'Rebuild a unified view from every source record the DCL holds',
  description: `Resolves all of the entity’s records afresh and replaces the view’s rows (ids stay the same for the same entities). Incremental refreshes run as events arrive; this repairs a refresh that failed and builds the view for records stored before views existed. Runs within the request, up to ${MAX_REBUILD_MEMBERS.toLocaleString('en')} source records (413 beyond).`,
  security: bearerSecurity,
  middleware: [requireRole('member')] as const,
  request: { params: ViewParams },
  responses: {
    200: jsonBody(ViewRebuild, 'Rebuilt'),
    ...problemResponses,
    413: problem('More source records than a rebuild within a request handles'),
  },
})

export const registerRebuildDclView = (app: App) =>
  app.openapi(route, async (c) =>
    c.json(await rebuildView(c.get('services'), c.get('tenantId'), c.req.valid('param').entity), 200),
  )
