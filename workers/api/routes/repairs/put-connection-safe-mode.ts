import { createRoute } from '@hono/zod-openapi'
import { IdParam } from '../../../contract/params.ts'
import { ConnectionSafeMode, SafeModeBody } from '../../../contract/repairs.ts'
import { setSafeMode } from '../../../services/repair/automation.ts'
import type { App } from '../../app-env.ts'
import { requireRole } from '../../middleware/require-role.ts'
import { bearerSecurity, jsonBody, jsonRequest, problemResponses } from '../../openapi.ts'
import { requestActor } from '../../request-actor.ts'

const route = createRoute({
  operationId: 'putConnectionSafeMode',
  method: 'put',
  path: '/v1/connections/{id}/safe-mode',
  tags: ['connections'],
  summary: 'Put one connection in or out of Safe Mode (admins; audited)',
  description:
    'A new connection starts in Safe Mode: its repairs wait for a person, however sure. Repairs apply themselves only where both the workspace and the connection are out of it.',
  security: bearerSecurity,
  middleware: [requireRole('admin')] as const,
  request: { params: IdParam, body: jsonRequest(SafeModeBody) },
  responses: { 200: jsonBody(ConnectionSafeMode), ...problemResponses },
})

export const registerPutConnectionSafeMode = (app: App) =>
  app.openapi(route, async (c) =>
    c.json(
      await setSafeMode(c.get('services'), c.get('tenantId'), {
        connectionId: c.req.valid('param').id,
        safeMode: c.req.valid('json').safe_mode,
        actor: requestActor(c),
      }),
      200,
    ),
  )
