import { createRoute } from '@hono/zod-openapi'
import { IdParam } from '../../../contract/params.ts'
import { deleteConnection } from '../../../services/aam/delete-connection.ts'
import type { App } from '../../app-env.ts'
import { requireRole } from '../../middleware/require-role.ts'
import { bearerSecurity, problemResponses } from '../../openapi.ts'
import { requestActor } from '../../request-actor.ts'

const route = createRoute({
  operationId: 'deleteConnection',
  method: 'delete',
  path: '/v1/connections/{id}',
  tags: ['connections'],
  summary: 'Delete a connection (it stops syncing; its stored data is kept)',
  security: bearerSecurity,
  middleware: [requireRole('admin')] as const,
  request: { params: IdParam },
  responses: { 204: { description: 'Deleted' }, ...problemResponses },
})

export const registerDeleteConnection = (app: App) =>
  app.openapi(route, async (c) => {
    await deleteConnection(c.get('services'), c.get('tenantId'), {
      id: c.req.valid('param').id,
      actor: requestActor(c),
    })
    return c.body(null, 204)
  })
