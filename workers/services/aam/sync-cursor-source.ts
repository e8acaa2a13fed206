// A database or SaaS connection's sync: each selected stream read in batches after its stored cursor,
// drift decided first, each batch stored with its cursor in one transaction.
import {
  acquireSyncLease,
  type ConnectionRow,
  releaseSyncLease,
  touchConnectionSynced,
  upsertStream,
} from '../../adapters/db/aam-repo.ts'
import { withTenant } from '../../adapters/db/client.ts'
import { withCursorSource } from '../../adapters/sources/open-cursor-source.ts'
import type { CursorSource } from '../../core/aam/connectors/cursor-source.ts'
import { profileSample } from '../../core/aam/connectors/sample-profile.ts'
import { addCounts, emptyCounts } from '../../core/aam/row-counts.ts'
import type { SnapshotField } from '../../core/aam/schema-snapshot.ts'
import type { Services } from '../container.ts'
import { queueRepairs } from '../repair/queue-repairs.ts'
import { applyDriftDecisions } from './apply-drift-decisions.ts'
import { applyStreamSchema, stillHeld } from './apply-stream-schema.ts'
import { raiseSourceAlerts } from './source-alerts.ts'
import { openBatchStore } from './store-batch.ts'
import { announceSyncCompleted, syncProgress } from './sync-events.ts'
import { emptyOutcome, type StreamOutcome, type SyncJob, type SyncResult } from './sync-job.ts'

const LEASE_SECONDS = 600

async function syncStream(
  services: Services,
  job: SyncJob,
  connection: ConnectionRow,
  source: CursorSource,
  name: string,
  snapshot: SnapshotField[],
): Promise<StreamOutcome & { skippedStream?: string }> {
  const { db, env } = services
  const { tenantId } = job
  const stream = await withTenant(db, tenantId, (tx) => upsertStream(tx, tenantId, connection.id, name))
  const outcome = emptyOutcome()
  if (stream.pausedAt) return { ...outcome, paused: true }
  const reader = source.reader(name, snapshot)
  if ('skipped' in reader) return { ...outcome, skippedStream: reader.skipped }

  // Drift is decided first, unless the stream is already held for review. A sample gives the schema
  // values to compare (renames) and the stream its field profiles.
  let schema = stillHeld(stream)
  let observed = snapshot
  if (!schema) {
    const sampled = source.sample ? profileSample(snapshot, await source.sample(name, snapshot)) : null
    observed = sampled?.schema ?? snapshot
    schema = await applyStreamSchema(services, tenantId, {
      connection,
      stream,
      schema: observed,
      ...(sampled ? { profile: { fields: sampled.profile } } : {}),
      jobId: job.jobId,
    })
  }
  outcome.drift = schema.changes
  // The drift's repairs are proposed once this stream's records are stored (or it paused), so a repair
  // re-derives every record this sync stored under the old mapping.
  if (schema.paused) {
    await queueRepairs(services, tenantId, schema.newDriftId)
    return { ...outcome, paused: true }
  }

  const progress = syncProgress(env, tenantId, stream)
  const store = await openBatchStore(services, tenantId, {
    connection,
    stream,
    schema: observed,
    quarantineReason: schema.quarantineReason,
    holdFor: schema.holdFor,
    nameEntityInReasons: true,
  })
  for await (const batch of reader.batches(stream.cursor)) {
    const items = batch.rows.map((row) => ({
      eventId: reader.eventId(stream.id, row),
      record: row,
      time: reader.time(row) ?? new Date().toISOString(),
      origin: null,
    }))
    addCounts(outcome, await store(items, { cursor: batch.cursor }))
    await progress(outcome)
    if (await job.isCancelled()) break
  }
  await announceSyncCompleted(env, tenantId, stream, outcome)
  await queueRepairs(services, tenantId, schema.newDriftId)
  return outcome
}

/** Syncs the selected streams of a database or SaaS connection, holding the connection's sync lease. */
export async function syncCursorConnection(
  services: Services,
  job: SyncJob,
  connection: ConnectionRow,
): Promise<SyncResult> {
  const { db } = services
  const { tenantId } = job
  const leased = await withTenant(db, tenantId, (tx) =>
    acquireSyncLease(tx, tenantId, connection.id, job.jobId, LEASE_SECONDS),
  )
  if (!leased) return { status: 'succeeded', result: { not_synced: 'another sync of this connection is running' } }
  const counts = emptyCounts()
  const totals = { streams: 0, drift_changes: 0, paused_streams: 0, skipped_streams: [] as string[], alerts: 0 }
  let cancelled = false
  let released = emptyCounts()
  try {
    // Decisions on held drift first: the held records precede everything read now.
    released = await applyDriftDecisions(services, tenantId, connection)
    await withCursorSource(services.config, connection, async (source) => {
      for (const [name, snapshot] of await source.discover()) {
        cancelled = await job.isCancelled()
        if (cancelled) return
        const outcome = await syncStream(services, job, connection, source, name, snapshot)
        if (outcome.skippedStream) totals.skipped_streams.push(`${name}: ${outcome.skippedStream}`)
        else if (outcome.paused) totals.paused_streams++
        else totals.streams++
        addCounts(counts, outcome)
        totals.drift_changes += outcome.drift.length
      }
      const alerts = source.alerts?.() ?? []
      await raiseSourceAlerts(services, tenantId, connection, alerts)
      totals.alerts = alerts.length
    })
  } finally {
    await withTenant(db, tenantId, (tx) => releaseSyncLease(tx, tenantId, connection.id, job.jobId))
  }
  if (cancelled) return { status: 'cancelled' }
  await withTenant(db, tenantId, (tx) => touchConnectionSynced(tx, tenantId, connection.id, counts))
  return { status: 'succeeded', result: { ...totals, ...counts, ...(released.rows > 0 ? { released } : {}) } }
}
