import { createRoute } from '@hono/zod-openapi'
import { AodSettings, PutAodBody } from '../../../contract/settings.ts'
import { connectAod } from '../../../services/aod/connect-aod.ts'
import type { App } from '../../app-env.ts'
import { jsonBody, jsonRequest, problemResponses } from '../../openapi.ts'
import { requestActor } from '../../request-actor.ts'
import { admin } from '../settings/admin-route.ts'

const route = createRoute({
  ...admin,
  operationId: 'putAodSettings',
  method: 'put',
  path: '/v1/settings/aod',
  summary: 'Connect the asset-discovery service (its token is stored encrypted)',
  request: { body: jsonRequest(PutAodBody) },
  responses: { 200: jsonBody(AodSettings), ...problemResponses },
})

export const registerPutAodSettings = (app: App) =>
  app.openapi(route, async (c) => {
    const { base_url, token } = c.req.valid('json')
    const settings = await connectAod(c.get('services'), c.get('tenantId'), {
      baseUrl: base_url,
      token,
      actor: requestActor(c),
    })
    return c.json(settings, 200)
  })
