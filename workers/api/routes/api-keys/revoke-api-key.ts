import { createRoute } from '@hono/zod-openapi'
import { revokeApiKey } from '../../../adapters/db/api-keys-repo.ts'
import { recordAudit } from '../../../adapters/db/audit-repo.ts'
import { withTenant } from '../../../adapters/db/client.ts'
import { IdParam } from '../../../contract/params.ts'
import { auditActor } from '../../../services/audit-actor.ts'
import { ProblemError } from '../../../services/problem-error.ts'
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
    const principal = c.get('principal')
    const tenantId = c.get('tenantId')
    const revoked = await withTenant(c.get('services').db, tenantId, async (tx) => {
      const revoked = await revokeApiKey(tx, tenantId, id)
      if (revoked) {
        await recordAudit(tx, tenantId, {
          ...auditActor(principal),
          action: 'api_key.revoked',
          targetType: 'api_key',
          targetId: id,
          requestId: c.get('requestId'),
        })
      }
      return revoked
    })
    if (!revoked) throw new ProblemError('not_found', `No active API key ${id} in this tenant.`)
    return c.body(null, 204)
  })
