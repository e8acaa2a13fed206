import { withTenant } from '../../adapters/db/client.ts'
import { lockDeletedConnections } from '../../adapters/db/connection-purge-repo.ts'
import { applyEntityVersions, insertDeadLetter } from '../../adapters/db/dcl-repo.ts'
import { publishEvent } from '../../adapters/events.ts'
import { type CanonicalEvent, CanonicalEventSchema } from '../../core/aam/canonical/event.ts'
import { connectionOfSource } from '../../core/aam/file-record.ts'
import { entityVersions } from '../../core/dcl/canonical-feed.ts'
import { cloudEvent } from '../../core/events/cloud-event.ts'
import type { Services } from '../container.ts'
import { refreshViews } from './refresh-views.ts'

/**
 * One stream's canonical events into the DCL: the newest version of each entity is kept. Safe to run
 * twice (versions apply only over older ones). Events of a deleted connection are discarded. Events that
 * are not valid canonical events, or not this tenant's, can never apply: they are set aside as a dead letter
 * at once instead of retried.
 * `rederived`: the events are stored records converted again after their mapping changed.
 */
export async function applyCanonicalEvents(
  services: Services,
  tenantId: string,
  streamId: string,
  events: readonly unknown[],
  rederived = false,
) {
  const valid: CanonicalEvent[] = []
  const invalid: unknown[] = []
  for (const raw of events) {
    const event = CanonicalEventSchema.safeParse(raw)
    if (event.success && event.data.tenantid === tenantId) valid.push(event.data)
    else invalid.push(raw)
  }
  const { applied, discarded } = await withTenant(services.db, tenantId, async (tx) => {
    if (invalid.length > 0) await insertDeadLetter(tx, tenantId, streamId, invalid)
    // A deleted connection brings nothing more in: events of its last sync still on the queue would
    // otherwise put back what a purge removed. The lock orders this batch against a delete running now.
    const connectionOf = valid.map((e) => connectionOfSource(e.source))
    const deleted = await lockDeletedConnections(tx, tenantId, [
      ...new Set(connectionOf.filter((id): id is string => id !== null)),
    ])
    const kept = valid.filter((_, i) => !deleted.has(connectionOf[i] ?? ''))
    return {
      applied: await applyEntityVersions(tx, tenantId, entityVersions(kept), rederived),
      discarded: valid.length - kept.length,
    }
  })
  const { changed, ...counts } = applied
  if (invalid.length > 0)
    services.log('warn', 'canonical events set aside', { tenant_id: tenantId, count: invalid.length })
  if (discarded > 0)
    services.log('info', 'canonical events of a deleted connection discarded', {
      tenant_id: tenantId,
      stream_id: streamId,
      count: discarded,
    })
  // The entities are stored: a failed view refresh must not send the batch back to be applied again.
  // Its rows stay as they were until the next change to them or a rebuild (POST /v1/dcl/views/{entity}/rebuild).
  if (changed.length > 0)
    await refreshViews(services, tenantId, changed).catch((error: unknown) =>
      services.log('error', 'unified view refresh failed', {
        tenant_id: tenantId,
        stream_id: streamId,
        records: changed.length,
        error: error instanceof Error ? error.message : String(error),
      }),
    )
  if (counts.created + counts.updated > 0)
    await publishEvent(
      services.env,
      cloudEvent(tenantId, 'aos.dcl.entities.updated', { stream_id: streamId, ...counts }, `streams/${streamId}`),
    )
}

/** A batch still failing after the last retry is kept whole, listed and replayable through the API. */
export const keepCanonicalDeadLetter = (
  services: Services,
  tenantId: string,
  streamId: string,
  events: readonly unknown[],
) => withTenant(services.db, tenantId, (tx) => insertDeadLetter(tx, tenantId, streamId, [...events]))
