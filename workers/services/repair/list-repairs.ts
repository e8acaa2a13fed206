import { withTenant } from '../../adapters/db/client.ts'
import { listRepairs as listRepairRows } from '../../adapters/db/repairs-repo.ts'
import type { RepairStatus } from '../../contract/vocabulary/repairs.ts'
import type { Services } from '../container.ts'
import { keysetPage, pageStart } from '../keyset-paging.ts'
import { loadRepair } from './apply-repair.ts'
import { presentRepair } from './present-repair.ts'

type Query = {
  status?: RepairStatus | undefined
  stream_id?: string | undefined
  limit: number
  cursor?: string | undefined
}

/** The workspace's repairs, newest first; `status=proposed` is what waits for a person. */
export async function listRepairs(services: Services, tenantId: string, query: Query) {
  const after = pageStart(query.cursor)
  const rows = await withTenant(services.db, tenantId, (tx) =>
    listRepairRows(tx, tenantId, {
      limit: query.limit,
      ...(query.status ? { status: query.status } : {}),
      ...(query.stream_id ? { streamId: query.stream_id } : {}),
      ...(after ? { after } : {}),
    }),
  )
  return keysetPage(rows, query.limit, presentRepair)
}

export const getRepair = async (services: Services, tenantId: string, id: string) =>
  presentRepair(await withTenant(services.db, tenantId, (tx) => loadRepair(tx, tenantId, id)))
