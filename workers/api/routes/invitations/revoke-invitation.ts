import { createRoute } from '@hono/zod-openapi'
import { IdParam } from '../../../contract/params.ts'
import { revokeInvitation } from '../../../services/invitations/revoke-invitation.ts'
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
    await revokeInvitation(c.get('services'), c.get('tenantId'), {
      invitationId: id,
      principal: c.get('principal'),
      requestId: c.get('requestId'),
    })
    return c.body(null, 204)
  })
