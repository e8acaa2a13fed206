import { listQuarantine } from '../../adapters/db/aam-repo.ts'
import { withTenant } from '../../adapters/db/client.ts'
import type { Services } from '../container.ts'
import { loadConnection, loadStream } from './load-connection.ts'

const presentQuarantine = (r: Awaited<ReturnType<typeof listQuarantine>>[number]) => ({
  id: r.id,
  stream_id: r.streamId,
  source_file_id: r.sourceFileId,
  line: r.line,
  reason: r.reason,
  raw: r.raw,
  created_at: r.createdAt.toISOString(),
})

/** The unresolved records of one stream that could not be stored. */
export async function listStreamQuarantine(services: Services, tenantId: string, streamId: string) {
  const stream = await loadStream(services, tenantId, streamId)
  const rows = await withTenant(services.db, tenantId, (tx) => listQuarantine(tx, tenantId, { streamId: stream.id }))
  return rows.map(presentQuarantine)
}

/** The unresolved records of all of a connection's streams that could not be stored. */
export async function listConnectionQuarantine(services: Services, tenantId: string, connectionId: string) {
  const connection = await loadConnection(services, tenantId, connectionId)
  const rows = await withTenant(services.db, tenantId, (tx) =>
    listQuarantine(tx, tenantId, { connectionId: connection.id }),
  )
  return rows.map(presentQuarantine)
}
