import { sessionsRevokedAt } from '../../adapters/session-revocations.ts'
import { isRevokedToken } from '../../core/auth/sessions.ts'
import type { Services } from '../container.ts'

/** A role change or deactivation stamps the membership; tokens issued before the stamp stop working. */
export async function tokenRevoked(services: Services, claims: { tid: string; sub: string; iat: number }) {
  // Only stamps younger than the longest-lived token matter: an access token's TTL, plus a minute for
  // stream tokens (60 s) and clock drift.
  const withinSeconds = services.config.ACCESS_TOKEN_TTL_SECONDS + 60
  const stamp = await sessionsRevokedAt(services, claims.tid, claims.sub, withinSeconds)
  return isRevokedToken(claims.iat, stamp)
}
