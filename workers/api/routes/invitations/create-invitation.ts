import { createRoute } from '@hono/zod-openapi'
import { CreateInvitationBody, Invitation } from '../../../contract/auth.ts'
import { INVITATION_DAYS } from '../../../services/auth/email-links.ts'
import { createInvitation } from '../../../services/invitations/create-invitation.ts'
import type { App } from '../../app-env.ts'
import { requireRole } from '../../middleware/require-role.ts'
import { bearerSecurity, conflictResponse, jsonBody, jsonRequest, problemResponses } from '../../openapi.ts'

const route = createRoute({
  operationId: 'createInvitation',
  method: 'post',
  path: '/v1/invitations',
  tags: ['users'],
  summary: 'Invite someone to this tenant by email',
  description: `Emails a single-use link valid for ${INVITATION_DAYS} days. Nobody becomes a member until the invitee opens it and accepts (POST /v1/auth/accept-invitation), signing in to an account with a confirmed address or creating one. Inviting the same address again replaces the pending invitation with a fresh link.`,
  security: bearerSecurity,
  middleware: [requireRole('admin')] as const,
  request: { body: jsonRequest(CreateInvitationBody) },
  responses: { 201: jsonBody(Invitation, 'Invitation sent'), ...problemResponses, ...conflictResponse },
})

export const registerCreateInvitation = (app: App) =>
  app.openapi(route, async (c) => {
    const { email, role } = c.req.valid('json')
    const invitation = await createInvitation(c.get('services'), c.get('tenantId'), {
      email,
      role,
      principal: c.get('principal'),
      requestId: c.get('requestId'),
    })
    return c.json(invitation, 201)
  })
