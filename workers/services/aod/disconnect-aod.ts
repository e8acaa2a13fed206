import { deleteAodSettings } from '../../adapters/db/aod-repo.ts'
import { withTenant } from '../../adapters/db/client.ts'
import type { Services } from '../container.ts'

/** Forgets the asset-discovery service; connections imported from it stay. */
export async function disconnectAod(services: Services, tenantId: string) {
  await withTenant(services.db, tenantId, (tx) => deleteAodSettings(tx, tenantId))
}
