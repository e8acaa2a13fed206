import { createRoute } from '@hono/zod-openapi'
import { recordAudit } from '../../../adapters/db/audit-repo.ts'
import { withScope } from '../../../adapters/db/client.ts'
import { markInvitationAccepted } from '../../../adapters/db/invitations-repo.ts'
import {
  findMember,
  findUserByEmail,
  insertMembership,
  insertVerifiedUser,
  proveAddress,
  reactivateMember,
} from '../../../adapters/db/tenancy-repo.ts'
import { hashPassword, verifyPassword } from '../../../adapters/passwords.ts'
import { AcceptInvitationBody, TokenResponse } from '../../../contract/auth.ts'
import { ProblemError } from '../../../services/problem-error.ts'
import type { App } from '../../app-env.ts'
import { jsonBody, jsonRequest, problemResponses } from '../../openapi.ts'
import { invitationFromLink } from '../../sessions/invitation-link.ts'
import { type SessionSubject, storeRefreshToken, tokenResponse } from '../../sessions/issue-session.ts'
import { assertStrongPassword } from '../../sessions/password-rules.ts'
import { callerIp, limitAttempts } from '../../sessions/rate-limit.ts'
import { revokeEverywhere } from '../../sessions/revoke-everywhere.ts'

const route = createRoute({
  operationId: 'acceptInvitation',
  method: 'post',
  path: '/v1/auth/accept-invitation',
  tags: ['auth'],
  summary: 'Accept an invitation and sign in to its tenant',
  description:
    'The link proves the address. An address with a confirmed account signs in with its password; otherwise `password` becomes the password of the account (created now, or taken over from an unconfirmed registration of the address, whose sessions end). Each link works once.',
  request: { body: jsonRequest(AcceptInvitationBody) },
  responses: { 200: jsonBody(TokenResponse, 'Member of the tenant and signed in'), ...problemResponses },
})

export const registerAcceptInvitation = (app: App) =>
  app.openapi(route, async (c) => {
    const { token, password } = c.req.valid('json')
    const services = c.get('services')
    const { tenantId, invitation } = await invitationFromLink(services, token)
    const { email } = invitation
    await limitAttempts(services, 'accept-invitation', email, callerIp(c))
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
        requestId: c.get('requestId'),
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
    return c.json(await tokenResponse(services, outcome.subject, outcome.session), 200)
  })
