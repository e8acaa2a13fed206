import { withTenant } from '../../adapters/db/client.ts'
import { listLatestVersions } from '../../adapters/db/mapping-registry-repo.ts'
import type { MAPPING_STATUSES } from '../../contract/vocabulary/mapping-registry.ts'
import type { Services } from '../container.ts'
import { keysetPage, pageStart } from '../keyset-paging.ts'
import { presentMapping } from './present-mapping.ts'

type Query = {
  connection_id?: string | undefined
  source_stream?: string | undefined
  entity?: string | undefined
  status?: (typeof MAPPING_STATUSES)[number] | undefined
  limit: number
  cursor?: string | undefined
}

/** The newest version of each mapping, newest change first; `next_cursor` continues after the page. */
export async function listMappings(services: Services, tenantId: string, query: Query) {
  const after = pageStart(query.cursor)
  const rows = await withTenant(services.db, tenantId, (tx) =>
    listLatestVersions(tx, tenantId, {
      limit: query.limit,
      ...(query.connection_id ? { connectionId: query.connection_id } : {}),
      ...(query.source_stream ? { sourceStream: query.source_stream } : {}),
      ...(query.entity ? { entity: query.entity } : {}),
      ...(query.status ? { status: query.status } : {}),
      ...(after ? { after } : {}),
    }),
  )
  return keysetPage(rows, query.limit, presentMapping)
}
