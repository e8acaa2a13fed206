import { recordAudit } from '../../adapters/db/audit-repo.ts'
import { withScope } from '../../adapters/db/client.ts'
import { consumeEmailToken, peekEmailToken } from '../../adapters/db/email-tokens-repo.ts'
import {
  findUserByEmail,
  insertMembership,
  insertTenant,
  insertVerifiedUser,
  proveAddress,
} from '../../adapters/db/tenancy-repo.ts'
import { hashSecret } from '../../adapters/secrets.ts'
import type { Services } from '../container.ts'
import { ProblemError } from '../problem-error.ts'
import { type SessionSubject, storeRefreshToken, tokenResponse } from '../sessions/issue-session.ts'
import { revokeEverywhere } from '../sessions/revoke-everywhere.ts'

const invalid = () =>
  new ProblemError('invalid_token', 'This link is invalid, already used or expired. Sign up again to get a new one.')

/**
 * Opens an emailed signup link: proves the address, creates the workspace and its owner (and the
 * account, when new) and signs in there. Each link works once.
 */
export async function verifyEmail(services: Services, input: { token: string; requestId: string }) {
  const tokenHash = await hashSecret(input.token)
  const link = await withScope(services.db, { tokenHash }, (tx) => peekEmailToken(tx, tokenHash, ['signup']))
  if (!link) throw invalid()
  const { email } = link
  const existing = await withScope(services.db, { loginEmail: email }, (tx) => findUserByEmail(tx, email))
  const tenantId = crypto.randomUUID()
  const scope = { tokenHash, loginEmail: email, tenantId, ...(existing ? { userId: existing.id } : {}) }

  const outcome = await withScope(services.db, scope, async (tx) => {
    if (!(await consumeEmailToken(tx, tokenHash, ['signup']))) return null
    // A proved account keeps its password; otherwise the one chosen with this link becomes it.
    const newPassword = existing?.emailVerifiedAt ? null : (link.data.password_hash ?? null)
    const user = existing ?? (await insertVerifiedUser(tx, email, newPassword as string))
    if (existing) await proveAddress(tx, existing.id, newPassword)
    const tenant = await insertTenant(tx, tenantId, link.data.tenant_name ?? 'My workspace')
    await insertMembership(tx, tenantId, user.id, 'owner')
    await recordAudit(tx, tenantId, {
      actorType: 'user',
      actorId: user.id,
      action: 'tenant.created',
      targetType: 'tenant',
      targetId: tenantId,
      requestId: input.requestId,
    })
    const subject: SessionSubject = { userId: user.id, email, tenantId, tenantName: tenant.name, role: 'owner' }
    return { subject, session: await storeRefreshToken(tx, services, subject) }
  })
  if (!outcome) throw invalid()
  // Whoever registered an address they could not prove may still hold sessions of that account.
  if (existing && !existing.emailVerifiedAt) await revokeEverywhere(services, existing.id, { except: tenantId })
  return tokenResponse(services, outcome.subject, outcome.session)
}
