import { createRoute } from '@hono/zod-openapi'
import { ApiKeyList } from '../../../contract/auth.ts'
import { listApiKeys } from '../../../services/api-keys/list-api-keys.ts'
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
  app.openapi(route, async (c) => c.json(await listApiKeys(c.get('services'), c.get('tenantId')), 200))
