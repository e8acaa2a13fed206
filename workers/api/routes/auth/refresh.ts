import { createRoute } from '@hono/zod-openapi'
import { recordAudit } from '../../../adapters/db/audit-repo.ts'
import { withTenant } from '../../../adapters/db/client.ts'
import { findRefreshToken, markRotated, revokeFamily } from '../../../adapters/db/refresh-tokens-repo.ts'
import { findMemberForSession, findTenant } from '../../../adapters/db/tenancy-repo.ts'
import { hashSecret } from '../../../adapters/secrets.ts'
import { RefreshBody, TokenResponse } from '../../../contract/auth.ts'
import { REFRESH_PREFIX, tenantOfSecret } from '../../../core/auth/secrets.ts'
import { ProblemError } from '../../../services/problem-error.ts'
import type { App } from '../../app-env.ts'
import { jsonBody, jsonRequest, problemResponses } from '../../openapi.ts'
import { type SessionSubject, storeRefreshToken, tokenResponse } from '../../sessions/issue-session.ts'

const route = createRoute({
  operationId: 'refreshSession',
  method: 'post',
  path: '/v1/auth/refresh',
  tags: ['auth'],
  summary: 'Rotate a refresh token',
  description:
    'Answers with a new access token and a new refresh token; the old one stops working. Presenting an already-rotated token revokes the whole session family.',
  request: { body: jsonRequest(RefreshBody) },
  responses: { 200: jsonBody(TokenResponse, 'Rotated'), ...problemResponses },
})

type Outcome =
  | { ok: true; subject: SessionSubject; session: { refreshToken: string; familyId: string }; issuedAtMs: number }
  | { ok: false; reused: boolean }

const invalid = () =>
  new ProblemError('invalid_token', 'This refresh token is invalid, expired or revoked. Log in again.')

export const registerRefresh = (app: App) =>
  app.openapi(route, async (c) => {
    const { refresh_token } = c.req.valid('json')
    const services = c.get('services')
    const tenantId = tenantOfSecret(REFRESH_PREFIX, refresh_token)
    if (!tenantId) throw invalid()
    const tokenHash = await hashSecret(refresh_token)

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
            requestId: c.get('requestId'),
          })
        }
        return { ok: false, reused: true }
      }
      const member = await findMemberForSession(tx, tenantId, row.userId)
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
      // Issued as of the membership read, on the clock revocation stamps use (see findMemberForSession).
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
    return c.json(await tokenResponse(services, outcome.subject, outcome.session, outcome.issuedAtMs), 200)
  })
