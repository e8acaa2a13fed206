import { createRoute } from '@hono/zod-openapi'
import { AodSettings } from '../../../contract/settings.ts'
import { getAodSettings } from '../../../services/aod/get-aod-settings.ts'
import type { App } from '../../app-env.ts'
import { jsonBody, problemResponses } from '../../openapi.ts'
import { admin } from '../settings/admin-route.ts'

const route = createRoute({
  ...admin,
  operationId: 'getAodSettings',
  method: 'get',
  path: '/v1/settings/aod',
  summary: 'Where the asset-discovery service answers (the token is never returned)',
  responses: { 200: jsonBody(AodSettings), ...problemResponses },
})

export const registerGetAodSettings = (app: App) =>
  app.openapi(route, async (c) => c.json(await getAodSettings(c.get('services'), c.get('tenantId')), 200))
