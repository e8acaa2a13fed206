import { createRoute } from '@hono/zod-openapi'
import { insertApiKey } from '../../../adapters/db/api-keys-repo.ts'
import { recordAudit } from '../../../adapters/db/audit-repo.ts'
import { withTenant } from '../../../adapters/db/client.ts'
import { hashSecret, newSecret } from '../../../adapters/secrets.ts'
import { CreateApiKeyBody, CreatedApiKey } from '../../../contract/auth.ts'
import { atLeast } from '../../../core/auth/roles.ts'
import { API_KEY_PREFIX, displayPrefix } from '../../../core/auth/secrets.ts'
import { presentApiKey } from '../../../services/api-keys/present-api-key.ts'
import { auditActor } from '../../../services/audit-actor.ts'
import { ProblemError } from '../../../services/problem-error.ts'
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
    const principal = c.get('principal')
    const tenantId = c.get('tenantId')
    if (!atLeast(principal.role, role)) {
      throw new ProblemError('forbidden', `A key cannot have more rights than you: you are ${principal.role}.`)
    }
    const key = newSecret(API_KEY_PREFIX, tenantId)
    const keyHash = await hashSecret(key)
    const row = await withTenant(c.get('services').db, tenantId, async (tx) => {
      const row = await insertApiKey(tx, tenantId, {
        name,
        role,
        prefix: displayPrefix(key),
        keyHash,
        createdBy: principal.userId,
        expiresAt: expires_in_days ? new Date(Date.now() + expires_in_days * 86_400_000) : null,
      })
      await recordAudit(tx, tenantId, {
        ...auditActor(principal),
        action: 'api_key.created',
        targetType: 'api_key',
        targetId: row.id,
        metadata: { name, role },
        requestId: c.get('requestId'),
      })
      return row
    })
    return c.json({ ...presentApiKey(row), key }, 201)
  })
