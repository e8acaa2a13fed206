import { createRoute } from '@hono/zod-openapi'
import { Connection, PatchConnectionBody } from '../../../contract/connections.ts'
import { IdParam } from '../../../contract/params.ts'
import { updateConnection } from '../../../services/aam/update-connection.ts'
import type { App } from '../../app-env.ts'
import { requireRole } from '../../middleware/require-role.ts'
import { bearerSecurity, jsonBody, jsonRequest, problemResponses } from '../../openapi.ts'
import { requestActor } from '../../request-actor.ts'

const route = createRoute({
  operationId: 'updateConnection',
  method: 'patch',
  path: '/v1/connections/{id}',
  tags: ['connections'],
  summary: 'Rename a connection or change its drift policy',
  description: 'Settings only: stored records, streams and files are never dropped, truncated or recreated.',
  security: bearerSecurity,
  middleware: [requireRole('member')] as const,
  request: { params: IdParam, body: jsonRequest(PatchConnectionBody) },
  responses: { 200: jsonBody(Connection), ...problemResponses },
})

export const registerUpdateConnection = (app: App) =>
  app.openapi(route, async (c) => {
    const updated = await updateConnection(c.get('services'), c.get('tenantId'), {
      id: c.req.valid('param').id,
      changes: c.req.valid('json'),
      actor: requestActor(c),
    })
    return c.json(updated, 200)
  })
