import { recordAudit } from '../../adapters/db/audit-repo.ts'
import { withTenant } from '../../adapters/db/client.ts'
import { findUsableInvitation, replaceInvitation } from '../../adapters/db/invitations-repo.ts'
import { findMemberByEmail } from '../../adapters/db/tenancy-repo.ts'
import { hashSecret, newSecret } from '../../adapters/secrets.ts'
import type { Role } from '../../contract/vocabulary/roles.ts'
import { invitationEmail } from '../../core/auth/emails.ts'
import { canAssign } from '../../core/auth/roles.ts'
import { INVITATION_PREFIX } from '../../core/auth/secrets.ts'
import { auditActor } from '../audit-actor.ts'
import { consoleLink, INVITATION_DAYS, sendEmail } from '../auth/email-links.ts'
import type { Principal } from '../auth/principal.ts'
import type { Services } from '../container.ts'
import { ProblemError } from '../problem-error.ts'
import { presentInvitation } from './present-invitation.ts'

/**
 * Emails `email` a single-use link to join the tenant with `role`, replacing any pending invitation
 * to the same address. Nobody becomes a member until the invitee accepts.
 */
export async function createInvitation(
  services: Services,
  tenantId: string,
  input: { email: string; role: Role; principal: Principal; requestId: string },
) {
  const { email, role, principal } = input
  if (!canAssign(principal.role, null, role)) {
    throw new ProblemError('forbidden', `An ${principal.role} cannot grant the ${role} role. Ask an owner.`)
  }
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
      requestId: input.requestId,
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
  return presentInvitation(invitation)
}
