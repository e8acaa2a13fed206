import { recordAudit } from '../../adapters/db/audit-repo.ts'
import { withScope } from '../../adapters/db/client.ts'
import { markInvitationAccepted } from '../../adapters/db/invitations-repo.ts'
import {
  findMember,
  findUserByEmail,
  insertMembership,
  insertVerifiedUser,
  proveAddress,
  reactivateMember,
} from '../../adapters/db/tenancy-repo.ts'
import { hashPassword, verifyPassword } from '../../adapters/passwords.ts'
import type { Services } from '../container.ts'
import { ProblemError } from '../problem-error.ts'
import { type SessionSubject, storeRefreshToken, tokenResponse } from '../sessions/issue-session.ts'
import { revokeEverywhere } from '../sessions/revoke-everywhere.ts'
import { invitationFromLink } from './invitation-link.ts'
import { limitAttempts } from './limit-attempts.ts'
import { assertStrongPassword } from './password-rules.ts'

/**
 * Accepts an invitation and signs in to its tenant. The link proves the address: a confirmed account
 * signs in with its password; otherwise `password` becomes the account's (created now, or taken over
 * from an unconfirmed registration of the address, whose sessions end). Each link works once.
 */
export async function acceptInvitation(
  services: Services,
  input: { token: string; password: string; ip: string; requestId: string },
) {
  const { password } = input
  const { tenantId, invitation } = await invitationFromLink(services, input.token)
  const { email } = invitation
  await limitAttempts(services, 'accept-invitation', email, input.ip)
  const existing = await withScope(services.db, { loginEmail: email }, (tx) => findUserByEmail(tx, email))
  let newPasswordHash: string | null = null
  if (existing?.emailVerifiedAt) {
    if (!(await verifyPassword(password, existing.passwordHash))) {
      throw new ProblemError(
        'invalid_credentials',
        `That is not the password of ${email}. Forgot it? Reset it from the sign-in page, then open this link again.`,
      )
    }
  } else {
    assertStrongPassword(password, [email, invitation.tenantName])
    newPasswordHash = await hashPassword(password)
  }

  const scope = { tenantId, loginEmail: email, ...(existing ? { userId: existing.id } : {}) }
  const outcome = await withScope(services.db, scope, async (tx) => {
    const user = existing ?? (await insertVerifiedUser(tx, email, newPasswordHash as string))
    if (existing && newPasswordHash) await proveAddress(tx, existing.id, newPasswordHash)
    if (!(await markInvitationAccepted(tx, tenantId, invitation.id, user.id))) return null
    const current = await findMember(tx, tenantId, user.id)
    if (!current) await insertMembership(tx, tenantId, user.id, invitation.role)
    else if (current.status !== 'active') await reactivateMember(tx, tenantId, user.id, invitation.role)
    await recordAudit(tx, tenantId, {
      actorType: 'user',
      actorId: user.id,
      action: current ? 'member.reactivated' : 'member.added',
      targetType: 'user',
      targetId: user.id,
      metadata: { role: current?.status === 'active' ? current.role : invitation.role, invitation_id: invitation.id },
      requestId: input.requestId,
    })
    const role = current?.status === 'active' ? current.role : invitation.role
    const subject: SessionSubject = { userId: user.id, email, tenantId, tenantName: invitation.tenantName, role }
    return { subject, session: await storeRefreshToken(tx, services, subject) }
  })
  if (!outcome) {
    throw new ProblemError('invalid_token', 'This invitation was just used or withdrawn. Ask for a new one.')
  }
  // Whoever registered the address without proving it may still hold sessions of that account.
  if (existing && newPasswordHash) await revokeEverywhere(services, existing.id, { except: tenantId })
  return tokenResponse(services, outcome.subject, outcome.session)
}
