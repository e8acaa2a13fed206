import { createRoute } from '@hono/zod-openapi'
import { CreateApiKeyBody, CreatedApiKey } from '../../../contract/auth.ts'
import { createApiKey } from '../../../services/api-keys/create-api-key.ts'
import type { App } from '../../app-env.ts'
import { requireRole } from '../../middleware/require-role.ts'
import { bearerSecurity, jsonBody, jsonRequest, problemResponses } from '../../openapi.ts'

const route = createRoute({
  operationId: 'createApiKey',
  method: 'post',
  path: '/v1/api-keys',
  tags: ['api-keys'],
  summary: 'Create an API key',
  description: 'The secret (`key`) is in this response only; it is stored hashed.',
  security: bearerSecurity,
  middleware: [requireRole('admin')] as const,
  request: { body: jsonRequest(CreateApiKeyBody) },
  responses: { 201: jsonBody(CreatedApiKey, 'Created; copy `key` now'), ...problemResponses },
})

export const registerCreateApiKey = (app: App) =>
  app.openapi(route, async (c) => {
    const { name, role, expires_in_days } = c.req.valid('json')
    const created = await createApiKey(c.get('services'), c.get('tenantId'), {
      name,
      role,
      expiresInDays: expires_in_days,
      principal: c.get('principal'),
      requestId: c.get('requestId'),
    })
    return c.json(created, 201)
  })
