import type { Tx } from '../../adapters/db/client.ts'
import { insertRefreshToken } from '../../adapters/db/refresh-tokens-repo.ts'
import { signAccessToken } from '../../adapters/jwt.ts'
import { hashSecret, newSecret } from '../../adapters/secrets.ts'
import type { Role } from '../../contract/vocabulary/roles.ts'
import { REFRESH_PREFIX } from '../../core/auth/secrets.ts'
import type { Services } from '../container.ts'

export interface SessionSubject {
  userId: string
  email: string
  tenantId: string
  tenantName: string
  role: Role
}

/** Stores a new refresh token (in `familyId`, or a new family) inside the caller's transaction. */
export async function storeRefreshToken(
  tx: Tx,
  services: Services,
  subject: SessionSubject,
  familyId: string = crypto.randomUUID(),
) {
  const refreshToken = newSecret(REFRESH_PREFIX, subject.tenantId)
  await insertRefreshToken(tx, subject.tenantId, {
    userId: subject.userId,
    familyId,
    tokenHash: await hashSecret(refreshToken),
    expiresAt: new Date(Date.now() + services.config.REFRESH_TOKEN_TTL_SECONDS * 1000),
  })
  return { refreshToken, familyId }
}

/** The RFC 6749-style body shared by signup, login and refresh; `issuedAtMs` defaults to now. */
export async function tokenResponse(
  services: Services,
  subject: SessionSubject,
  session: { refreshToken: string; familyId: string },
  issuedAtMs?: number,
) {
  const ttl = services.config.ACCESS_TOKEN_TTL_SECONDS
  const accessToken = await signAccessToken(
    await services.keys(),
    {
      sub: subject.userId,
      tid: subject.tenantId,
      role: subject.role,
      email: subject.email,
      tname: subject.tenantName,
      sid: session.familyId,
    },
    ttl,
    issuedAtMs,
  )
  return {
    access_token: accessToken,
    token_type: 'Bearer' as const,
    expires_in: ttl,
    refresh_token: session.refreshToken,
    tenant_id: subject.tenantId,
  }
}
