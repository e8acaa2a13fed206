import { createRoute } from '@hono/zod-openapi'
import { withTenant } from '../../../adapters/db/client.ts'
import { listPendingInvitations } from '../../../adapters/db/invitations-repo.ts'
import { InvitationList } from '../../../contract/auth.ts'
import { presentInvitation } from '../../../services/invitations/present-invitation.ts'
import type { App } from '../../app-env.ts'
import { requireRole } from '../../middleware/require-role.ts'
import { bearerSecurity, jsonBody, problemResponses } from '../../openapi.ts'

const route = createRoute({
  operationId: 'listInvitations',
  method: 'get',
  path: '/v1/invitations',
  tags: ['users'],
  summary: 'Invitations not yet accepted (expired ones included)',
  security: bearerSecurity,
  middleware: [requireRole('admin')] as const,
  responses: { 200: jsonBody(InvitationList), ...problemResponses },
})

export const registerListInvitations = (app: App) =>
  app.openapi(route, async (c) => {
    const tenantId = c.get('tenantId')
    const rows = await withTenant(c.get('services').db, tenantId, (tx) => listPendingInvitations(tx, tenantId))
    return c.json({ data: rows.map((row) => presentInvitation(row)) }, 200)
  })
