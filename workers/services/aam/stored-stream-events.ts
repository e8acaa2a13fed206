import { findConnection, pageRecords, type StreamRow } from '../../adapters/db/aam-repo.ts'
import { withTenant } from '../../adapters/db/client.ts'
import type { CanonicalEvent } from '../../core/aam/canonical/event.ts'
import type { SnapshotField } from '../../core/aam/schema-snapshot.ts'
import { recordConverter, streamMapping } from '../../core/aam/source-record.ts'
import type { Services } from '../container.ts'
import { acceptedEntityMapping } from '../dcl/registry-stream-mapping.ts'

const PAGE = 2000

/**
 * A stream's stored records as canonical events under the stream's mapping as it is now (the same
 * event ids a sync sent), page by page. Used to send what was stored before the DCL read from the
 * AAM, and to re-derive the DCL's rows after the mapping changed.
 */
export async function* storedStreamEvents(
  services: Services,
  tenantId: string,
  stream: Pick<StreamRow, 'id' | 'name' | 'connectionId' | 'schema'>,
): AsyncGenerator<{ events: CanonicalEvent[]; notConvertible: number }> {
  const { db } = services
  const found = await withTenant(db, tenantId, async (tx) => {
    const connection = await findConnection(tx, tenantId, stream.connectionId)
    return connection && { connection, registered: await acceptedEntityMapping(tx, tenantId, connection, stream.name) }
  })
  if (!found) return
  const { connection, registered } = found
  const convert = recordConverter({
    tenantId,
    connectionId: connection.id,
    streamName: stream.name,
    ...streamMapping(connection, stream.name, (stream.schema ?? []) as SnapshotField[], registered),
  })
  for (let after = ''; ; ) {
    const page = await withTenant(db, tenantId, (tx) => pageRecords(tx, tenantId, stream.id, after, PAGE))
    const events: CanonicalEvent[] = []
    let notConvertible = 0
    for (const record of page) {
      // The stored record keeps every source field under `attributes`: the source row, as read.
      const row = (record.data.attributes ?? {}) as Record<string, unknown>
      const result = convert(record.eventId, row, record.syncedAt.toISOString())
      if (result.ok) events.push(result.event)
      else notConvertible++ // e.g. stored before a mapping it no longer fits: counted, and it stays stored
    }
    yield { events, notConvertible }
    if (page.length < PAGE) return
    after = (page[page.length - 1] as { eventId: string }).eventId
  }
}
