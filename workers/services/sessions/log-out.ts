import { withTenant } from '../../adapters/db/client.ts'
import { findRefreshToken, revokeFamily } from '../../adapters/db/refresh-tokens-repo.ts'
import { hashSecret } from '../../adapters/secrets.ts'
import { REFRESH_PREFIX, tenantOfSecret } from '../../core/auth/secrets.ts'
import type { Services } from '../container.ts'

/**
 * Revokes the refresh-token family of the caller's session and, when given, that of `refreshToken`
 * if it is the same user's in the same tenant. Access tokens already issued expire on their own.
 */
export async function logOut(
  services: Services,
  tenantId: string,
  input: { userId: string; sessionId: string; refreshToken?: string },
) {
  const { refreshToken } = input
  const extra = refreshToken && tenantOfSecret(REFRESH_PREFIX, refreshToken) === tenantId
  const extraHash = extra && refreshToken ? await hashSecret(refreshToken) : null
  await withTenant(services.db, tenantId, async (tx) => {
    await revokeFamily(tx, tenantId, input.sessionId)
    const row = extraHash ? await findRefreshToken(tx, tenantId, extraHash) : null
    if (row && row.userId === input.userId) await revokeFamily(tx, tenantId, row.familyId)
  })
}
