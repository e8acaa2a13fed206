import { createRoute } from '@hono/zod-openapi'
import { IdParam } from '../../../contract/params.ts'
import { revokeApiKey } from '../../../services/api-keys/revoke-api-key.ts'
import type { App } from '../../app-env.ts'
import { requireRole } from '../../middleware/require-role.ts'
import { bearerSecurity, problemResponses } from '../../openapi.ts'

const route = createRoute({
  operationId: 'revokeApiKey',
  method: 'delete',
  path: '/v1/api-keys/{id}',
  tags: ['api-keys'],
  summary: 'Revoke an API key',
  security: bearerSecurity,
  middleware: [requireRole('admin')] as const,
  request: { params: IdParam },
  responses: { 204: { description: 'Revoked' }, ...problemResponses },
})

export const registerRevokeApiKey = (app: App) =>
  app.openapi(route, async (c) => {
    const { id } = c.req.valid('param')
    await revokeApiKey(c.get('services'), c.get('tenantId'), {
      keyId: id,
      principal: c.get('principal'),
      requestId: c.get('requestId'),
    })
    return c.body(null, 204)
  })
