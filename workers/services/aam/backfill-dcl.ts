import { listTenantStreams } from '../../adapters/db/aam-repo.ts'
import { withTenant } from '../../adapters/db/client.ts'
import type { Services } from '../container.ts'
import { aamFeedsDcl, canonicalSender } from '../dcl/canonical-feed.ts'
import { directReadAll } from '../dcl/direct-read.ts'
import { storedStreamEvents } from './stored-stream-events.ts'
import type { SyncResult } from './sync-job.ts'

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
  if (!(await aamFeedsDcl(services, tenantId))) return directReadAll(services, tenantId, control)
  const streams = await withTenant(services.db, tenantId, (tx) => listTenantStreams(tx, tenantId))
  let sent = 0
  let failed = 0
  for (const stream of streams) {
    const feed = canonicalSender(services, tenantId, stream.id)
    for await (const { events, notConvertible } of storedStreamEvents(services, tenantId, stream)) {
      if (await control.isCancelled()) return { status: 'cancelled' }
      if (events.length > 0) await feed(events)
      sent += events.length
      failed += notConvertible
    }
  }
  return { status: 'succeeded', result: { streams: streams.length, events_sent: sent, not_convertible: failed } }
}
