import { createRoute } from '@hono/zod-openapi'
import { AodSettings, PutAodBody } from '../../../contract/settings.ts'
import { connectAod } from '../../../services/aod/connect-aod.ts'
import { disconnectAod } from '../../../services/aod/disconnect-aod.ts'
import { getAodSettings } from '../../../services/aod/get-aod-settings.ts'
import type { App } from '../../app-env.ts'
import { requireRole } from '../../middleware/require-role.ts'
import { bearerSecurity, jsonBody, jsonRequest, problemResponses } from '../../openapi.ts'
import { requestActor } from '../../request-actor.ts'

const admin = { tags: ['settings'], security: bearerSecurity, middleware: requireRole('admin') }

const getRoute = createRoute({
  ...admin,
  operationId: 'getAodSettings',
  method: 'get',
  path: '/v1/settings/aod',
  summary: 'Where the asset-discovery service answers (the token is never returned)',
  responses: { 200: jsonBody(AodSettings), ...problemResponses },
})
const putRoute = createRoute({
  ...admin,
  operationId: 'putAodSettings',
  method: 'put',
  path: '/v1/settings/aod',
  summary: 'Connect the asset-discovery service (its token is stored encrypted)',
  request: { body: jsonRequest(PutAodBody) },
  responses: { 200: jsonBody(AodSettings), ...problemResponses },
})
const deleteRoute = createRoute({
  ...admin,
  operationId: 'deleteAodSettings',
  method: 'delete',
  path: '/v1/settings/aod',
  summary: 'Disconnect asset discovery (imported connections stay)',
  responses: { 204: { description: 'Removed' }, ...problemResponses },
})

export function registerAodSettings(app: App) {
  app.openapi(getRoute, async (c) => c.json(await getAodSettings(c.get('services'), c.get('tenantId')), 200))
  app.openapi(putRoute, async (c) => {
    const { base_url, token } = c.req.valid('json')
    const settings = await connectAod(c.get('services'), c.get('tenantId'), {
      baseUrl: base_url,
      token,
      actor: requestActor(c),
    })
    return c.json(settings, 200)
  })
  app.openapi(deleteRoute, async (c) => {
    await disconnectAod(c.get('services'), c.get('tenantId'))
    return c.body(null, 204)
  })
}
