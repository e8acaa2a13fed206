import {
  acquireSyncLease,
  type ConnectionRow,
  findConnection,
  insertDriftEvent,
  insertQuarantine,
  insertRecords,
  latestDrift,
  markFileSynced,
  pendingFiles,
  releaseSyncLease,
  type SourceFileRow,
  type StreamRow,
  touchConnectionSynced,
  updateStream,
  upsertStream,
} from '../../adapters/db/aam-repo.ts'
import { withTenant } from '../../adapters/db/client.ts'
import { publishEvent } from '../../adapters/events.ts'
import { inferFileSchema, scanFile } from '../../adapters/file-scan.ts'
import { isCursorKind } from '../../adapters/sources/open-source.ts'
import type { CanonicalEvent } from '../../core/aam/canonical/event.ts'
import { FileConfig } from '../../core/aam/connections.ts'
import { classifyDrift } from '../../core/aam/drift/classify.ts'
import { decidePolicy, isBreaking, type PolicyDecision, summarizeChanges } from '../../core/aam/drift-policy.ts'
import { canonicalFailureText, fileRowConverter, fileRowEventId } from '../../core/aam/file-record.ts'
import { fingerprintSchema } from '../../core/aam/fingerprint.ts'
import type { DriftChange, SnapshotField } from '../../core/aam/schema.ts'
import { cloudEvent } from '../../core/events/schema.ts'
import type { JobPayload } from '../../core/jobs/schema.ts'
import { announceStreamPaused, announceSyncCompleted, syncProgress } from '../../services/aam/sync-events.ts'
import { openCanonicalFeed } from '../../services/dcl/canonical-feed.ts'
import { runCursorSync } from './aam-sync-cursor.ts'
import type { JobContext, JobHandler } from './types.ts'

const BATCH = 5000

export interface SyncOutcome {
  rows: number
  stored: number
  quarantined: number
  drift: DriftChange[]
  held: boolean
}

async function syncFile(ctx: JobContext, connection: ConnectionRow, file: SourceFileRow): Promise<SyncOutcome> {
  const { db, env } = ctx.services
  const tenantId = ctx.tenantId
  const stream = await withTenant(db, tenantId, (tx) => upsertStream(tx, tenantId, connection.id, file.streamName))
  const outcome: SyncOutcome = { rows: 0, stored: 0, quarantined: 0, drift: [], held: false }
  if (stream.pausedAt) return { ...outcome, held: true }

  // Pass 1: infer the file's schema, so drift is decided before any record is written.
  const { snapshot, profile } = await inferFileSchema(ctx.services.env, connection, file)
  const { held, frozen } = await checkSchema(ctx, connection, stream, snapshot, outcome, { fields: profile })
  if (held) return { ...outcome, held: true }

  // Pass 2: canonical events to the records table; anything that cannot be stored goes to quarantine.
  const config = FileConfig.parse(connection.config)
  const progress = syncProgress(env, tenantId, stream)
  const feed = await openCanonicalFeed(ctx.services, tenantId, stream.id)
  const toCanonical = fileRowConverter({
    tenantId,
    connectionId: connection.id,
    streamName: stream.name,
    primaryKey: config.primary_key,
  })
  const uploadedAt = file.uploadedAt.toISOString()
  let good: { eventId: string; data: Record<string, unknown> }[] = []
  let events: CanonicalEvent[] = []
  let bad: { streamId: string; sourceFileId: string; line: number; reason: string; raw: string }[] = []
  const store = async (goodNow: typeof good, badNow: typeof bad, eventsNow: CanonicalEvent[]) => {
    if (feed && eventsNow.length > 0) await feed(eventsNow)
    const [stored, quarantined] = await withTenant(db, tenantId, async (tx) => [
      await insertRecords(tx, tenantId, stream.id, goodNow),
      await insertQuarantine(tx, tenantId, badNow),
    ])
    outcome.stored += stored
    outcome.quarantined += quarantined
    await progress(outcome)
  }
  // One batch is stored while the next is parsed: the database and the parser work at the same time.
  // Files commit no cursor (a file is marked synced once all of it is stored), so order does not matter.
  let storing: Promise<void> = Promise.resolve()
  const flush = async () => {
    await storing
    storing = store(good, bad, events)
    storing.catch(() => {}) // awaited by the next flush or after the scan; this only avoids an unhandled rejection meanwhile
    good = []
    bad = []
    events = []
  }
  await scanFile(ctx.services.env, connection, file, async (row) => {
    outcome.rows++
    const quarantineRow = (reason: string, raw: string) =>
      bad.push({ streamId: stream.id, sourceFileId: file.id, line: row.line, reason, raw })
    if (!row.ok) quarantineRow(row.reason, row.raw)
    else if (frozen) quarantineRow(frozen, JSON.stringify(row.record))
    else {
      const eventId = fileRowEventId(file.id, row.line)
      const canonical = toCanonical(eventId, row.record, uploadedAt)
      if (canonical.ok) {
        good.push({ eventId, data: canonical.event.data as Record<string, unknown> })
        if (feed) events.push(canonical.event as CanonicalEvent)
      } else quarantineRow(canonicalFailureText(canonical), JSON.stringify(row.record))
    }
    if (good.length + bad.length >= BATCH) await flush()
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
 * Fingerprints a stream's newly read schema and applies the connection's drift policy to it: adopts the
 * schema, or pauses the stream (announced), or freezes it. `frozen` is the quarantine reason for records
 * under a frozen schema. Shared by every source kind, so drift is decided the same way for all.
 */
export async function checkSchema(
  ctx: JobContext,
  connection: ConnectionRow,
  stream: StreamRow,
  snapshot: SnapshotField[],
  outcome: SyncOutcome,
  profile?: Record<string, unknown>,
): Promise<{ held: boolean; frozen: string | null }> {
  const { db, env } = ctx.services
  const tenantId = ctx.tenantId
  const { fingerprint } = await fingerprintSchema(snapshot)
  const decision = await detectDrift(ctx, connection, stream, snapshot, fingerprint, outcome)
  const held = decision.records === 'hold'
  await withTenant(db, tenantId, (tx) =>
    updateStream(tx, tenantId, stream.id, {
      ...(decision.adoptSchema ? { schema: snapshot, fingerprint, ...(profile ? { profile } : {}) } : {}),
      ...(held
        ? { pausedAt: new Date(), pausedReason: `drift under pause policy: ${summarizeChanges(outcome.drift)}` }
        : {}),
    }),
  )
  if (held) await announceStreamPaused(env, tenantId, stream)
  const frozen =
    decision.records === 'quarantine' ? `schema frozen by policy, drift: ${summarizeChanges(outcome.drift)}` : null
  return { held, frozen }
}

/** Compares with the stream's current schema; records, announces and decides on any drift. */
async function detectDrift(
  ctx: JobContext,
  connection: ConnectionRow,
  stream: StreamRow,
  snapshot: SnapshotField[],
  fingerprint: string,
  outcome: SyncOutcome,
): Promise<PolicyDecision> {
  const unchanged: PolicyDecision = { action: 'recorded', adoptSchema: true, records: 'store' }
  if (!stream.schema || !stream.fingerprint || stream.fingerprint === fingerprint) return unchanged
  const { changes } = classifyDrift(stream.schema as SnapshotField[], snapshot)
  if (changes.length === 0) return unchanged
  outcome.drift = changes
  const decision = decidePolicy(connection.driftPolicy, changes)
  const { db, env } = ctx.services
  // A schema kept by `freeze` sees the same change on every sync (and on a retry): it is recorded and
  // announced once, not each time.
  const latest = await withTenant(db, ctx.tenantId, (tx) => latestDrift(tx, ctx.tenantId, stream.id))
  if (latest?.fromFingerprint === stream.fingerprint && latest.toFingerprint === fingerprint) return decision
  const record = await withTenant(db, ctx.tenantId, (tx) =>
    insertDriftEvent(tx, ctx.tenantId, {
      connectionId: connection.id,
      streamId: stream.id,
      fromFingerprint: stream.fingerprint as string,
      toFingerprint: fingerprint,
      changes,
      breaking: isBreaking(changes),
      policy: connection.driftPolicy,
      action: decision.action,
      jobId: ctx.job.id,
    }),
  )
  await publishEvent(
    env,
    cloudEvent(
      ctx.tenantId,
      'aos.drift.detected',
      {
        drift_id: record.id,
        connection_id: connection.id,
        stream_id: stream.id,
        stream: stream.name,
        breaking: record.breaking,
        policy: record.policy,
        action: record.action,
        summary: summarizeChanges(changes),
        changes,
      },
      `streams/${stream.id}`,
    ),
  )
  // Repair (a later stage) subscribes here: breaking drift held for review is its input.
  return decision
}

const LEASE_SECONDS = 600

/**
 * Syncs a connection: a database or SaaS source stream by stream (aam-sync-cursor.ts), a FileSource file by file.
 * Syncs every pending file of a FileSource connection, oldest first, holding the connection's sync
 * lease. A job that finds the lease taken leaves its files to the holder, which looks for new files
 * again after releasing the lease, so no upload is left behind.
 */
export const runAamSync: JobHandler<JobPayload<'aam.sync'>> = async (ctx, payload) => {
  const { db } = ctx.services
  const tenantId = ctx.tenantId
  const connection = await withTenant(db, tenantId, (tx) => findConnection(tx, tenantId, payload.connection_id))
  // Deleted since the job was queued: nothing to do, and nothing worth retrying.
  if (!connection) return { status: 'succeeded', result: { skipped: 'connection deleted' } }
  if (connection.draft) return { status: 'succeeded', result: { skipped: 'connection is a draft without credentials' } }
  if (isCursorKind(connection.kind)) return runCursorSync(ctx, connection)
  const totals = { files: 0, rows: 0, stored: 0, quarantined: 0, drift_changes: 0, held_files: 0 }
  const lease = () =>
    withTenant(db, tenantId, (tx) => acquireSyncLease(tx, tenantId, connection.id, ctx.job.id, LEASE_SECONDS))
  const pending = async () =>
    (await withTenant(db, tenantId, (tx) => pendingFiles(tx, tenantId, connection.id))).filter((f) => !held.has(f.id))
  const held = new Set<string>()
  while (await lease()) {
    try {
      for (let files = await pending(); files.length > 0; files = await pending()) {
        for (const file of files) {
          if (await ctx.isCancelled()) return { status: 'cancelled' }
          const outcome = await syncFile(ctx, connection, file)
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
      await withTenant(db, tenantId, (tx) => releaseSyncLease(tx, tenantId, connection.id, ctx.job.id))
    }
    if ((await pending()).length === 0) break
  }
  await withTenant(db, tenantId, (tx) => touchConnectionSynced(tx, tenantId, connection.id))
  return { status: 'succeeded', result: totals }
}
