import { createRoute } from '@hono/zod-openapi'
import { recordAudit } from '../../../adapters/db/audit-repo.ts'
import { withTenant } from '../../../adapters/db/client.ts'
import { findUsableInvitation, replaceInvitation } from '../../../adapters/db/invitations-repo.ts'
import { findMemberByEmail } from '../../../adapters/db/tenancy-repo.ts'
import { hashSecret, newSecret } from '../../../adapters/secrets.ts'
import { CreateInvitationBody, Invitation } from '../../../contract/auth.ts'
import { invitationEmail } from '../../../core/auth/emails.ts'
import { canAssign } from '../../../core/auth/roles.ts'
import { INVITATION_PREFIX } from '../../../core/auth/secrets.ts'
import { auditActor } from '../../../services/audit-actor.ts'
import { consoleLink, INVITATION_DAYS, sendEmail } from '../../../services/auth/email-links.ts'
import { presentInvitation } from '../../../services/invitations/present-invitation.ts'
import { ProblemError } from '../../../services/problem-error.ts'
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
    const principal = c.get('principal')
    const tenantId = c.get('tenantId')
    if (!canAssign(principal.role, null, role)) {
      throw new ProblemError('forbidden', `An ${principal.role} cannot grant the ${role} role. Ask an owner.`)
    }
    const services = c.get('services')
    const token = newSecret(INVITATION_PREFIX, tenantId)
    const tokenHash = await hashSecret(token)
    const invitation = await withTenant(services.db, tenantId, async (tx) => {
      const member = await findMemberByEmail(tx, tenantId, email)
      if (member?.status === 'active') return null
      const row = await replaceInvitation(tx, tenantId, {
        email,
        role,
        tokenHash,
        invitedBy: principal.userId,
        expiresAt: new Date(Date.now() + INVITATION_DAYS * 86_400_000),
      })
      await recordAudit(tx, tenantId, {
        ...auditActor(principal),
        action: 'invitation.created',
        targetType: 'invitation',
        targetId: row.id,
        metadata: { email, role },
        requestId: c.get('requestId'),
      })
      return findUsableInvitation(tx, tenantId, tokenHash)
    })
    if (!invitation) {
      throw new ProblemError(
        'conflict',
        `${email} is already an active member. Change their role with PATCH /v1/users/{id}.`,
      )
    }
    await sendEmail(
      services,
      email,
      invitationEmail(consoleLink(services, '/accept-invite', token), {
        tenantName: invitation.tenantName,
        inviterEmail: invitation.invitedBy ?? 'An administrator',
        role,
        days: INVITATION_DAYS,
      }),
    )
    return c.json(presentInvitation(invitation), 201)
  })
