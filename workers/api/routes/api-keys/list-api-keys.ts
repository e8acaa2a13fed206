import { createRoute } from '@hono/zod-openapi'
import { listActiveApiKeys } from '../../../adapters/db/api-keys-repo.ts'
import { withTenant } from '../../../adapters/db/client.ts'
import { ApiKeyList } from '../../../contract/auth.ts'
import { presentApiKey } from '../../../services/api-keys/present-api-key.ts'
import type { App } from '../../app-env.ts'
import { requireRole } from '../../middleware/require-role.ts'
import { bearerSecurity, jsonBody, problemResponses } from '../../openapi.ts'

const route = createRoute({
  operationId: 'listApiKeys',
  method: 'get',
  path: '/v1/api-keys',
  tags: ['api-keys'],
  summary: 'List active API keys (never their secrets)',
  security: bearerSecurity,
  middleware: [requireRole('admin')] as const,
  responses: { 200: jsonBody(ApiKeyList), ...problemResponses },
})

export const registerListApiKeys = (app: App) =>
  app.openapi(route, async (c) => {
    const tenantId = c.get('tenantId')
    const rows = await withTenant(c.get('services').db, tenantId, (tx) => listActiveApiKeys(tx, tenantId))
    return c.json({ data: rows.map(presentApiKey) }, 200)
  })
