import { withTenant } from '../../adapters/db/client.ts'
import { listLatestVersions } from '../../adapters/db/mapping-registry-repo.ts'
import type { MAPPING_STATUSES } from '../../contract/vocabulary/mapping-registry.ts'
import { decodeCursor, encodeCursor } from '../../core/http/keyset-cursor.ts'
import type { Services } from '../container.ts'
import { ProblemError } from '../problem-error.ts'
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
  const after = query.cursor ? decodeCursor(query.cursor) : undefined
  if (after === null)
    throw new ProblemError('bad_request', 'The cursor is not valid. Use next_cursor from a previous page.')
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
  const page = rows.slice(0, query.limit)
  const last = page[page.length - 1]
  return {
    data: page.map(presentMapping),
    next_cursor: rows.length > query.limit && last ? encodeCursor(last.createdAt, last.id) : null,
  }
}
