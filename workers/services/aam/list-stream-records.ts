import { listRecords } from '../../adapters/db/aam-repo.ts'
import { withTenant } from '../../adapters/db/client.ts'
import type { Services } from '../container.ts'
import { loadStream } from './load-connection.ts'

/** The first `limit` canonical records a stream stored, as a preview. */
export async function listStreamRecords(services: Services, tenantId: string, streamId: string, limit: number) {
  const stream = await loadStream(services, tenantId, streamId)
  const rows = await withTenant(services.db, tenantId, (tx) => listRecords(tx, tenantId, stream.id, limit))
  return rows.map((r) => ({ event_id: r.eventId, data: r.data }))
}
