import { findConnection, listTenantStreams, pageRecords } from '../../adapters/db/aam-repo.ts'
import { withTenant } from '../../adapters/db/client.ts'
import type { SnapshotField } from '../../core/aam/schema-snapshot.ts'
import { recordConverter, streamMapping } from '../../core/aam/source-record.ts'
import type { Services } from '../container.ts'
import { aamFeedsDcl, canonicalSender } from '../dcl/canonical-feed.ts'
import { directReadAll } from '../dcl/direct-read.ts'
import { acceptedEntityMapping } from '../dcl/registry-stream-mapping.ts'
import type { SyncResult } from './sync-job.ts'

const PAGE = 2000

/**
 * Brings the DCL up to date with every source. While the DCL reads from the AAM: sends what the AAM
 * already stored, as the same canonical events (same ids) a sync sends, so turning the feed on does not
 * wait for every source to change. While it does not: reads every connection directly. Applying is
 * idempotent by event id, so a backfill overlapping live syncs, or run twice, changes nothing twice.
 */
export async function backfillDcl(
  services: Services,
  tenantId: string,
  control: { isCancelled: () => Promise<boolean>; progress: (done: number, total: number) => Promise<void> },
): Promise<SyncResult> {
  const { db } = services
  const { isCancelled } = control
  if (!(await aamFeedsDcl(services, tenantId))) return directReadAll(services, tenantId, control)
  const streams = await withTenant(db, tenantId, (tx) => listTenantStreams(tx, tenantId))
  let sent = 0
  let failed = 0
  for (const stream of streams) {
    const feed = canonicalSender(services, tenantId, stream.id)
    const found = await withTenant(db, tenantId, async (tx) => {
      const connection = await findConnection(tx, tenantId, stream.connectionId)
      return (
        connection && { connection, registered: await acceptedEntityMapping(tx, tenantId, connection, stream.name) }
      )
    })
    if (!found) continue
    const { connection, registered } = found
    const convert = recordConverter({
      tenantId,
      connectionId: connection.id,
      streamName: stream.name,
      ...streamMapping(connection, stream.name, (stream.schema ?? []) as SnapshotField[], registered),
    })
    for (let after = ''; ; ) {
      if (await isCancelled()) return { status: 'cancelled' }
      const page = await withTenant(db, tenantId, (tx) => pageRecords(tx, tenantId, stream.id, after, PAGE))
      const events = []
      for (const record of page) {
        // The stored record keeps every source field under `attributes`: the source row, as read.
        const row = (record.data.attributes ?? {}) as Record<string, unknown>
        const result = convert(record.eventId, row, record.syncedAt.toISOString())
        if (result.ok) events.push(result.event)
        else failed++ // e.g. stored before a mapping it no longer fits: counted, and it stays stored
      }
      if (events.length > 0) await feed(events)
      sent += events.length
      if (page.length < PAGE) break
      after = (page[page.length - 1] as { eventId: string }).eventId
    }
  }
  return { status: 'succeeded', result: { streams: streams.length, events_sent: sent, not_convertible: failed } }
}
