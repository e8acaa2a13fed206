import { withScope, withTenant } from '../../adapters/db/client.ts'
import { revokeUserSessions } from '../../adapters/db/refresh-tokens-repo.ts'
import { stampSessionsRevoked, tenantIdsOfUser } from '../../adapters/db/tenancy-repo.ts'
import { publishSessionsRevoked } from '../../adapters/session-revocations.ts'
import type { Services } from '../container.ts'

/**
 * Signs the user out in every tenant: refresh tokens revoked and access tokens refused from now on
 * (password reset, or an address proved by someone other than whoever registered it).
 */
export async function revokeEverywhere(services: Services, userId: string, options: { except?: string } = {}) {
  const tenantIds = await withScope(services.db, { userId }, (tx) => tenantIdsOfUser(tx, userId))
  for (const tenantId of tenantIds) {
    if (tenantId === options.except) continue
    const revokedAtMs = await withTenant(services.db, tenantId, async (tx) => {
      await revokeUserSessions(tx, tenantId, userId)
      return stampSessionsRevoked(tx, tenantId, userId)
    })
    await publishSessionsRevoked(services, tenantId, userId, revokedAtMs)
  }
}
