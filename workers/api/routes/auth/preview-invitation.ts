import { createRoute } from '@hono/zod-openapi'
import { withScope } from '../../../adapters/db/client.ts'
import { findUserByEmail } from '../../../adapters/db/tenancy-repo.ts'
import { EmailLinkBody, InvitationPreview } from '../../../contract/auth.ts'
import type { App } from '../../app-env.ts'
import { jsonBody, jsonRequest, problemResponses } from '../../openapi.ts'
import { invitationFromLink } from '../../sessions/invitation-link.ts'

const route = createRoute({
  operationId: 'previewInvitation',
  method: 'post',
  path: '/v1/auth/invitation',
  tags: ['auth'],
  summary: 'What an invitation link offers',
  description:
    'For the accept page: the workspace, the role and whether the invited address already has a confirmed account (then accepting asks for its password). Only the link’s holder can ask.',
  request: { body: jsonRequest(EmailLinkBody) },
  responses: { 200: jsonBody(InvitationPreview), ...problemResponses },
})

export const registerPreviewInvitation = (app: App) =>
  app.openapi(route, async (c) => {
    const { token } = c.req.valid('json')
    const services = c.get('services')
    const { invitation } = await invitationFromLink(services, token)
    const { email } = invitation
    const user = await withScope(services.db, { loginEmail: email }, (tx) => findUserByEmail(tx, email))
    return c.json(
      {
        email,
        tenant_name: invitation.tenantName,
        role: invitation.role,
        invited_by: invitation.invitedBy ?? 'an administrator',
        expires_at: invitation.expiresAt.toISOString(),
        account_exists: Boolean(user?.emailVerifiedAt),
      },
      200,
    )
  })
