import { createRoute } from '@hono/zod-openapi'
import { ViewParams, ViewRebuild } from '../../../contract/dcl-views.ts'
import { Job } from '../../../contract/jobs.ts'
import { MAX_REBUILD_MEMBERS } from '../../../env.ts'
import { requestRebuild } from '../../../services/dcl/rebuild-view.ts'
import type { App } from '../../app-env.ts'
import { requireRole } from '../../middleware/require-role.ts'
import { bearerSecurity, jsonBody, problem, problemResponses } from '../../openapi.ts'

const route = createRoute({
  operationId: 'rebuildDclView',
  method: 'post',
  path: '/v1/dcl/views/{entity}/rebuild',
  tags: ['dcl'],
  summary: 'Rebuild a unified view from every source record the DCL holds',
  description: `Resolves all of the entity’s records afresh and replaces the view’s rows (ids stay the same for the same entities). Incremental refreshes run as events arrive; this repairs a refresh that failed and builds the view for records stored before views existed. Runs within the request (200) up to the deployment's DCL_REBUILD_IN_REQUEST_MAX source records (${MAX_REBUILD_MEMBERS.toLocaleString('en')} unless set); beyond, it queues a dcl.view-rebuild job and answers 202 with it (its result holds the same figures). 413 only when records arrive between the count and the rebuild and take the view past the limit.`,
  security: bearerSecurity,
  middleware: [requireRole('member')] as const,
  request: { params: ViewParams },
  responses: {
    200: jsonBody(ViewRebuild, 'Rebuilt'),
    202: jsonBody(Job, 'Too large for the request: queued as a dcl.view-rebuild job'),
    ...problemResponses,
    413: problem('More source records than a rebuild within a request handles'),
  },
})

export const registerRebuildDclView = (app: App) =>
  app.openapi(route, async (c) => {
    const { entity } = c.req.valid('param')
    const result = await requestRebuild(c.get('services'), c.get('tenantId'), entity, c.get('principal').userId)
    return result.queued ? c.json(result.queued, 202) : c.json(result.rebuilt, 200)
  })
