import { withScope } from '../../adapters/db/client.ts'
import { activeMembershipsOfUser } from '../../adapters/db/tenancy-repo.ts'
import type { Services } from '../container.ts'

/** The tenants the user is an active member of, the one they are signed in to marked `current`. */
export async function listMyTenants(services: Services, input: { userId: string; currentTenantId: string }) {
  const { userId } = input
  const rows = await withScope(services.db, { userId }, (tx) => activeMembershipsOfUser(tx, userId))
  return {
    data: rows.map((m) => ({
      id: m.tenantId,
      name: m.tenantName,
      role: m.role,
      current: m.tenantId === input.currentTenantId,
    })),
  }
}
