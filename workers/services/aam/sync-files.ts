// A FileSource connection's sync: every pending upload, oldest first, each in two passes (its schema
// first, so drift is decided before any record is written; then its rows, stored in batches). A file
// that cannot be read, or keeps failing, is marked failed with its reason and the next one goes on.
import {
  acquireSyncLease,
  type ConnectionRow,
  markFileFailed,
  markFileSynced,
  pendingFiles,
  releaseSyncLease,
  type SourceFileRow,
  type StreamRow,
  startFileAttempt,
  touchConnectionSynced,
  updateStream,
  upsertStream,
} from '../../adapters/db/aam-repo.ts'
import { withTenant } from '../../adapters/db/client.ts'
import { inferFileSchema, scanFile } from '../../adapters/file-scan.ts'
import { fileRowEventId } from '../../core/aam/file-record.ts'
import { addCounts, addSkipped, emptyCounts, rowCounts, SKIP_REASONS } from '../../core/aam/row-counts.ts'
import type { SnapshotField } from '../../core/aam/schema-snapshot.ts'
import { failureDetail, failureSummary } from '../../core/jobs/failure.ts'
import type { Services } from '../container.ts'
import { queueRepairs } from '../repair/queue-repairs.ts'
import { applyDriftDecisions } from './apply-drift-decisions.ts'
import { applyStreamSchema, stillHeld } from './apply-stream-schema.ts'
import { type BatchItem, openBatchStore } from './store-batch.ts'
import { announceSyncCompleted, syncProgress } from './sync-events.ts'
import { emptyOutcome, type StreamOutcome, type SyncJob, type SyncResult } from './sync-job.ts'

const BATCH = 5000
const LEASE_SECONDS = 600
/** A file whose sync fails this many times (each job retries it) is given up on, so it blocks nothing. */
const MAX_FILE_ATTEMPTS = 3

type FileOutcome = StreamOutcome | { unreadable: string }

async function syncFile(
  services: Services,
  job: SyncJob,
  connection: ConnectionRow,
  file: SourceFileRow,
  stream: StreamRow,
): Promise<FileOutcome> {
  const { db, env } = services
  const { tenantId } = job
  const outcome = emptyOutcome()

  // Pass 1: the file's schema, so drift is decided before any record is written (unless already held).
  let schema = stillHeld(stream)
  let snapshot = (stream.schema ?? []) as SnapshotField[]
  if (!schema) {
    const inferred = await inferFileSchema(env, connection, file)
    if (!inferred.ok) return inferred
    snapshot = inferred.snapshot
    schema = await applyStreamSchema(services, tenantId, {
      connection,
      stream,
      schema: snapshot,
      profile: { fields: inferred.profile },
      jobId: job.jobId,
    })
  }
  outcome.drift = schema.changes
  // The drift's repairs are proposed once this file's records are stored (or it paused), so a repair
  // re-derives every record this sync stored under the old mapping.
  if (schema.paused) {
    await queueRepairs(services, tenantId, schema.newDriftId)
    return { ...outcome, paused: true }
  }

  // Pass 2: the rows, stored in batches.
  const progress = syncProgress(env, tenantId, stream)
  const store = await openBatchStore(services, tenantId, {
    connection,
    stream,
    schema: snapshot,
    quarantineReason: schema.quarantineReason,
    holdFor: schema.holdFor,
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
      addCounts(outcome, counts)
      return progress(outcome)
    })
    storing.catch(() => {}) // awaited by the next flush or after the scan; this only avoids an unhandled rejection meanwhile
  }
  const scanned = await scanFile(env, connection, file, async (row) => {
    const origin = { sourceFileId: file.id, line: row.line }
    batch.push(
      row.ok
        ? { eventId: fileRowEventId(file.id, row.line), record: row.record, time: uploadedAt, origin }
        : { unreadable: row.reason, raw: row.raw, truncated: row.truncated ?? false, origin },
    )
    if (batch.length >= BATCH) await flush()
  })
  await flush()
  await storing
  if (!scanned.ok) return scanned // gone from storage between the two passes
  outcome.rows += scanned.blankLines
  addSkipped(outcome, SKIP_REASONS.blankLine, scanned.blankLines)
  await withTenant(db, tenantId, async (tx) => {
    await updateStream(tx, tenantId, stream.id, { addRecords: outcome.stored })
    await markFileSynced(tx, tenantId, file.id, rowCounts(outcome))
  })
  await announceSyncCompleted(env, tenantId, stream, outcome, { file_id: file.id })
  await queueRepairs(services, tenantId, schema.newDriftId)
  return outcome
}

/**
 * Syncs one file, counting the attempt: a file that cannot be read fails at once; one whose sync keeps
 * failing fails on its last attempt. Either way it is marked failed and the sync goes on to the next.
 */
async function attemptFile(
  services: Services,
  job: SyncJob,
  connection: ConnectionRow,
  file: SourceFileRow,
): Promise<FileOutcome> {
  const { db } = services
  const { tenantId } = job
  const stream = await withTenant(db, tenantId, (tx) => upsertStream(tx, tenantId, connection.id, file.streamName))
  if (stream.pausedAt) return { ...emptyOutcome(), paused: true }
  // Counted before it runs: a file that crashes the worker outright is given up on too.
  const attempt = await withTenant(db, tenantId, (tx) => startFileAttempt(tx, tenantId, file.id))
  let outcome: FileOutcome
  try {
    outcome = await syncFile(services, job, connection, file, stream)
  } catch (error) {
    if (attempt < MAX_FILE_ATTEMPTS) throw error // the job retries, and this file with it
    outcome = { unreadable: `Gave up after ${attempt} attempts: ${failureSummary(error, job.jobId)}` }
    services.log('warn', 'file sync given up', { file_id: file.id, tenant_id: tenantId, error: failureDetail(error) })
  }
  if ('unreadable' in outcome)
    await withTenant(db, tenantId, (tx) => markFileFailed(tx, tenantId, file.id, outcome.unreadable))
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
  const counts = emptyCounts()
  const totals = {
    files: 0,
    failed_files: [] as { file_id: string; stream: string; reason: string }[],
    paused_files: 0,
  }
  let driftChanges = 0
  const lease = () =>
    withTenant(db, tenantId, (tx) => acquireSyncLease(tx, tenantId, connection.id, job.jobId, LEASE_SECONDS))
  const pending = async () =>
    (await withTenant(db, tenantId, (tx) => pendingFiles(tx, tenantId, connection.id))).filter(
      (f) => !waiting.has(f.id),
    )
  const waiting = new Set<string>()
  const released = emptyCounts()
  while (await lease()) {
    try {
      // Decisions on held drift first: the held records precede every file still pending.
      addCounts(released, await applyDriftDecisions(services, tenantId, connection))
      for (let files = await pending(); files.length > 0; files = await pending()) {
        for (const file of files) {
          if (await job.isCancelled()) return { status: 'cancelled' }
          const outcome = await attemptFile(services, job, connection, file)
          await lease()
          if ('unreadable' in outcome) {
            totals.failed_files.push({ file_id: file.id, stream: file.streamName, reason: outcome.unreadable })
            continue
          }
          if (outcome.paused) {
            waiting.add(file.id)
            totals.paused_files++
            continue
          }
          totals.files++
          addCounts(counts, outcome)
          driftChanges += outcome.drift.length
        }
      }
    } finally {
      await withTenant(db, tenantId, (tx) => releaseSyncLease(tx, tenantId, connection.id, job.jobId))
    }
    if ((await pending()).length === 0) break
  }
  // A job that found every file already synced by another keeps the counts of the sync that read them.
  const read = totals.files + totals.failed_files.length > 0
  await withTenant(db, tenantId, (tx) => touchConnectionSynced(tx, tenantId, connection.id, read ? counts : undefined))
  return {
    status: 'succeeded',
    result: { ...totals, ...counts, drift_changes: driftChanges, ...(released.rows > 0 ? { released } : {}) },
  }
}
