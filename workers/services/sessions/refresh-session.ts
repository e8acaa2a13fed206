import { recordAudit } from '../../adapters/db/audit-repo.ts'
import { withTenant } from '../../adapters/db/client.ts'
import { findRefreshToken, markRotated, revokeFamily } from '../../adapters/db/refresh-tokens-repo.ts'
import { findMember, findTenant } from '../../adapters/db/tenancy-repo.ts'
import { hashSecret } from '../../adapters/secrets.ts'
import { REFRESH_PREFIX, tenantOfSecret } from '../../core/auth/secrets.ts'
import type { Services } from '../container.ts'
import { ProblemError } from '../problem-error.ts'
import { type SessionSubject, storeRefreshToken, tokenResponse } from './issue-session.ts'

type Outcome =
  | { ok: true; subject: SessionSubject; session: { refreshToken: string; familyId: string }; issuedAtMs: number }
  | { ok: false; reused: boolean }

const invalid = () =>
  new ProblemError('invalid_token', 'This refresh token is invalid, expired or revoked. Log in again.')

/**
 * Rotates a refresh token: a new access token and refresh token, the old one spent. Presenting an
 * already-rotated token revokes its whole family.
 */
export async function refreshSession(services: Services, input: { refreshToken: string; requestId: string }) {
  const tenantId = tenantOfSecret(REFRESH_PREFIX, input.refreshToken)
  if (!tenantId) throw invalid()
  const tokenHash = await hashSecret(input.refreshToken)

  // Failures are returned, not thrown, so a detected reuse still commits the family's revocation.
  const outcome = await withTenant(services.db, tenantId, async (tx): Promise<Outcome> => {
    const row = await findRefreshToken(tx, tenantId, tokenHash)
    if (!row) return { ok: false, reused: false }
    if (row.rotatedAt || row.revokedAt) {
      await revokeFamily(tx, tenantId, row.familyId)
      if (row.rotatedAt && !row.revokedAt) {
        await recordAudit(tx, tenantId, {
          actorType: 'user',
          actorId: row.userId,
          action: 'session.refresh_reuse_detected',
          targetType: 'session',
          targetId: row.familyId,
          requestId: input.requestId,
        })
      }
      return { ok: false, reused: true }
    }
    const member = await findMember(tx, tenantId, row.userId, 'share')
    const tenant = await findTenant(tx, tenantId)
    // An account whose address was never proved keeps no session (it may be a pre-claimed address).
    const usable = member?.status === 'active' && member.emailVerifiedAt !== null
    if (row.expiresAt.getTime() <= Date.now() || !member || !usable || !tenant) {
      await revokeFamily(tx, tenantId, row.familyId)
      return { ok: false, reused: false }
    }
    await markRotated(tx, tenantId, row.id)
    const subject = { userId: row.userId, email: member.email, tenantId, tenantName: tenant.name, role: member.role }
    const session = await storeRefreshToken(tx, services, subject, row.familyId)
    // Issued as of the membership read, on the clock revocation stamps use (see findMember's `share` lock).
    return { ok: true, subject, session, issuedAtMs: member.readAtMs }
  })
  if (!outcome.ok) {
    if (outcome.reused) {
      throw new ProblemError(
        'token_reused',
        'This refresh token was already used, so every session descended from it has been signed out. Log in again.',
      )
    }
    throw invalid()
  }
  return tokenResponse(services, outcome.subject, outcome.session, outcome.issuedAtMs)
}
