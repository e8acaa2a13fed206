// A human's decision on breaking drift held for review, applied by the connection's next sync (which
// holds the sync lease, so no file or batch of the stream is read meanwhile): accepted, the stream
// adopts the drift's schema and its held records are stored through the normal path in the order they
// were read; rejected, the schema stays and each held record is quarantined with the reason. Batch by
// batch, each batch deleted from the holding area once stored: a crash resumes where it stopped.
import { type ConnectionRow, type StreamRow, updateStream } from '../../adapters/db/aam-repo.ts'
import { withTenant } from '../../adapters/db/client.ts'
import { type DriftRow, decidedHolds, deleteHeldThrough, oldestHeld } from '../../adapters/db/drift-review-repo.ts'
import { isCursorKind } from '../../core/aam/connectors/registry.ts'
import { summarizeChanges } from '../../core/aam/drift-policy.ts'
import { addCounts, emptyCounts, type RowCounts, rowCounts } from '../../core/aam/row-counts.ts'
import type { DriftChange, SnapshotField } from '../../core/aam/schema-snapshot.ts'
import type { Services } from '../container.ts'
import { openBatchStore } from './store-batch.ts'
import { announceDriftReview } from './sync-events.ts'

const BATCH = 1000

/** Applies every decided hold of the connection's streams; the counts of what became of the held records. */
export async function applyDriftDecisions(
  services: Services,
  tenantId: string,
  connection: ConnectionRow,
): Promise<RowCounts> {
  const holds = await withTenant(services.db, tenantId, (tx) => decidedHolds(tx, tenantId, connection.id))
  const counts = emptyCounts()
  for (const { stream, drift } of holds)
    addCounts(counts, await applyDecision(services, tenantId, connection, stream, drift))
  return counts
}

async function applyDecision(
  services: Services,
  tenantId: string,
  connection: ConnectionRow,
  stream: StreamRow,
  drift: DriftRow,
): Promise<RowCounts> {
  const accepted = drift.review === 'accepted'
  const schema = (accepted ? drift.proposedSchema : stream.schema) as SnapshotField[]
  if (accepted) {
    await withTenant(services.db, tenantId, (tx) =>
      updateStream(tx, tenantId, stream.id, {
        schema,
        fingerprint: drift.toFingerprint,
        ...(drift.proposedProfile ? { profile: drift.proposedProfile } : {}),
      }),
    )
  }
  const store = await openBatchStore(services, tenantId, {
    connection,
    stream,
    schema,
    quarantineReason: accepted
      ? null
      : `schema change rejected in review: ${summarizeChanges(drift.changes as DriftChange[])}`,
    holdFor: null,
    nameEntityInReasons: isCursorKind(connection.kind),
  })
  const counts = emptyCounts()
  for (;;) {
    const held = await withTenant(services.db, tenantId, (tx) => oldestHeld(tx, tenantId, drift.id, BATCH))
    const last = held.at(-1)
    if (!last) break
    const stored = await store(
      held.map((h) => ({
        eventId: h.eventId,
        record: h.record,
        time: h.eventTime,
        origin: h.sourceFileId && h.line !== null ? { sourceFileId: h.sourceFileId, line: h.line } : null,
      })),
    )
    await withTenant(services.db, tenantId, async (tx) => {
      await deleteHeldThrough(tx, tenantId, drift.id, last.seq)
      await updateStream(tx, tenantId, stream.id, { addRecords: stored.stored })
    })
    addCounts(counts, stored)
  }
  await withTenant(services.db, tenantId, (tx) => updateStream(tx, tenantId, stream.id, { heldDriftId: null }))
  await announceDriftReview(services.env, tenantId, 'aos.drift.released', stream, {
    drift_id: drift.id,
    review: drift.review,
    ...rowCounts(counts),
  })
  return counts
}
