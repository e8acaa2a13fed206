import { withTenant } from '../../adapters/db/client.ts'
import { mappingHistory } from '../../adapters/db/mapping-registry-repo.ts'
import type { Services } from '../container.ts'
import { keyOf, loadVersion } from './mapping-versions.ts'
import { presentMapping } from './present-mapping.ts'

/** Every version of the mapping that version `id` belongs to, newest first. */
export async function listMappingVersions(services: Services, tenantId: string, id: string) {
  const rows = await withTenant(services.db, tenantId, async (tx) =>
    mappingHistory(tx, tenantId, keyOf(await loadVersion(tx, tenantId, id))),
  )
  return { data: rows.map(presentMapping) }
}
