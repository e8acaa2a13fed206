import { createRoute } from '@hono/zod-openapi'
import { recordAudit } from '../../../adapters/db/audit-repo.ts'
import { withTenant } from '../../../adapters/db/client.ts'
import { revokeInvitation } from '../../../adapters/db/invitations-repo.ts'
import { IdParam } from '../../../contract/params.ts'
import { auditActor } from '../../../services/audit-actor.ts'
import { ProblemError } from '../../../services/problem-error.ts'
import type { App } from '../../app-env.ts'
import { requireRole } from '../../middleware/require-role.ts'
import { bearerSecurity, problemResponses } from '../../openapi.ts'

const route = createRoute({
  operationId: 'revokeInvitation',
  method: 'delete',
  path: '/v1/invitations/{id}',
  tags: ['users'],
  summary: 'Withdraw a pending invitation (its link stops working)',
  security: bearerSecurity,
  middleware: [requireRole('admin')] as const,
  request: { params: IdParam },
  responses: { 204: { description: 'Withdrawn' }, ...problemResponses },
})

export const registerRevokeInvitation = (app: App) =>
  app.openapi(route, async (c) => {
    const { id } = c.req.valid('param')
    const tenantId = c.get('tenantId')
    const revoked = await withTenant(c.get('services').db, tenantId, async (tx) => {
      if (!(await revokeInvitation(tx, tenantId, id))) return false
      await recordAudit(tx, tenantId, {
        ...auditActor(c.get('principal')),
        action: 'invitation.revoked',
        targetType: 'invitation',
        targetId: id,
        requestId: c.get('requestId'),
      })
      return true
    })
    if (!revoked) throw new ProblemError('not_found', `No pending invitation ${id} in this tenant.`)
    return c.body(null, 204)
  })
