import { createRoute } from '@hono/zod-openapi'
import { disconnectAod } from '../../../services/aod/disconnect-aod.ts'
import type { App } from '../../app-env.ts'
import { problemResponses } from '../../openapi.ts'
import { admin } from '../settings/admin-route.ts'

const route = createRoute({
  ...admin,
  operationId: 'deleteAodSettings',
  method: 'delete',
  path: '/v1/settings/aod',
  summary: 'Disconnect asset discovery (imported connections stay)',
  responses: { 204: { description: 'Removed' }, ...problemResponses },
})

export const registerDeleteAodSettings = (app: App) =>
  app.openapi(route, async (c) => {
    await disconnectAod(c.get('services'), c.get('tenantId'))
    return c.body(null, 204)
  })
