// A FileSource connection's sync: every pending upload, oldest first, each in two passes (its schema
// first, so drift is decided before any record is written; then its rows, stored in batches).
import {
  acquireSyncLease,
  type ConnectionRow,
  markFileSynced,
  pendingFiles,
  releaseSyncLease,
  type SourceFileRow,
  touchConnectionSynced,
  updateStream,
  upsertStream,
} from '../../adapters/db/aam-repo.ts'
import { withTenant } from '../../adapters/db/client.ts'
import { inferFileSchema, scanFile } from '../../adapters/file-scan.ts'
import { fileRowEventId } from '../../core/aam/file-record.ts'
import type { Services } from '../container.ts'
import { applyStreamSchema } from './apply-stream-schema.ts'
import { type BatchItem, openBatchStore } from './store-batch.ts'
import { announceSyncCompleted, syncProgress } from './sync-events.ts'
import { emptyOutcome, type StreamOutcome, type SyncJob, type SyncResult } from './sync-job.ts'

const BATCH = 5000
const LEASE_SECONDS = 600

async function syncFile(
  services: Services,
  job: SyncJob,
  connection: ConnectionRow,
  file: SourceFileRow,
): Promise<StreamOutcome> {
  const { db, env } = services
  const { tenantId } = job
  const stream = await withTenant(db, tenantId, (tx) => upsertStream(tx, tenantId, connection.id, file.streamName))
  const outcome = emptyOutcome()
  if (stream.pausedAt) return { ...outcome, held: true }

  // Pass 1: the file's schema, so drift is decided before any record is written.
  const { snapshot, profile } = await inferFileSchema(env, connection, file)
  const schema = await applyStreamSchema(services, tenantId, {
    connection,
    stream,
    schema: snapshot,
    profile: { fields: profile },
    jobId: job.jobId,
  })
  outcome.drift = schema.changes
  if (schema.held) return { ...outcome, held: true }

  // Pass 2: the rows, stored in batches.
  const progress = syncProgress(env, tenantId, stream)
  const store = await openBatchStore(services, tenantId, {
    connection,
    stream,
    schema: snapshot,
    quarantineReason: schema.quarantineReason,
    nameEntityInReasons: false,
  })
  const uploadedAt = file.uploadedAt.toISOString()
  let batch: BatchItem[] = []
  // One batch is stored while the next is parsed: the database and the parser work at the same time.
  // Files commit no cursor (a file is marked synced once all of it is stored), so order does not matter.
  let storing: Promise<void> = Promise.resolve()
  const flush = async () => {
    await storing
    const items = batch
    batch = []
    storing = store(items).then((counts) => {
      outcome.stored += counts.stored
      outcome.quarantined += counts.quarantined
      return progress(outcome)
    })
    storing.catch(() => {}) // awaited by the next flush or after the scan; this only avoids an unhandled rejection meanwhile
  }
  await scanFile(env, connection, file, async (row) => {
    outcome.rows++
    const origin = { sourceFileId: file.id, line: row.line }
    batch.push(
      row.ok
        ? { eventId: fileRowEventId(file.id, row.line), record: row.record, time: uploadedAt, origin }
        : { unreadable: row.reason, raw: row.raw, origin },
    )
    if (batch.length >= BATCH) await flush()
  })
  await flush()
  await storing
  await withTenant(db, tenantId, async (tx) => {
    await updateStream(tx, tenantId, stream.id, { addRecords: outcome.stored })
    await markFileSynced(tx, tenantId, file.id)
  })
  await announceSyncCompleted(env, tenantId, stream, outcome, { file_id: file.id })
  return outcome
}

/**
 * Syncs every pending file of a FileSource connection, oldest first, holding the connection's sync
 * lease. A job that finds the lease taken leaves its files to the holder, which looks for new files
 * again after releasing the lease, so no upload is left behind.
 */
export async function syncFileConnection(
  services: Services,
  job: SyncJob,
  connection: ConnectionRow,
): Promise<SyncResult> {
  const { db } = services
  const { tenantId } = job
  const totals = { files: 0, rows: 0, stored: 0, quarantined: 0, drift_changes: 0, held_files: 0 }
  const lease = () =>
    withTenant(db, tenantId, (tx) => acquireSyncLease(tx, tenantId, connection.id, job.jobId, LEASE_SECONDS))
  const pending = async () =>
    (await withTenant(db, tenantId, (tx) => pendingFiles(tx, tenantId, connection.id))).filter((f) => !held.has(f.id))
  const held = new Set<string>()
  while (await lease()) {
    try {
      for (let files = await pending(); files.length > 0; files = await pending()) {
        for (const file of files) {
          if (await job.isCancelled()) return { status: 'cancelled' }
          const outcome = await syncFile(services, job, connection, file)
          await lease()
          if (outcome.held) {
            held.add(file.id)
            totals.held_files++
            continue
          }
          totals.files++
          totals.rows += outcome.rows
          totals.stored += outcome.stored
          totals.quarantined += outcome.quarantined
          totals.drift_changes += outcome.drift.length
        }
      }
    } finally {
      await withTenant(db, tenantId, (tx) => releaseSyncLease(tx, tenantId, connection.id, job.jobId))
    }
    if ((await pending()).length === 0) break
  }
  await withTenant(db, tenantId, (tx) => touchConnectionSynced(tx, tenantId, connection.id))
  return { status: 'succeeded', result: totals }
}
