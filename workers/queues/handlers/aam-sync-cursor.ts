import {
  acquireSyncLease,
  type ConnectionRow,
  insertQuarantine,
  insertRecords,
  releaseSyncLease,
  touchConnectionSynced,
  updateStream,
  upsertStream,
} from '../../adapters/db/aam-repo.ts'
import { withTenant } from '../../adapters/db/client.ts'
import { withCursorSource } from '../../adapters/sources/open-source.ts'
import type { CanonicalEvent } from '../../core/aam/canonical/event.ts'
import { canonicalFailureText } from '../../core/aam/file-record.ts'
import type { SnapshotField } from '../../core/aam/schema.ts'
import { recordConverter } from '../../core/aam/source-record.ts'
import type { CursorSource } from '../../core/aam/sources/cursor-source.ts'
import { profileSample } from '../../core/aam/sources/sample-profile.ts'
import { raiseSourceAlerts } from '../../services/aam/source-alerts.ts'
import { announceSyncCompleted, syncProgress } from '../../services/aam/sync-events.ts'
import { openCanonicalFeed } from '../../services/dcl/canonical-feed.ts'
import { checkSchema, type SyncOutcome } from './aam-sync.ts'
import type { JobContext, JobOutcome } from './types.ts'

const LEASE_SECONDS = 600

type Quarantined = { streamId: string; sourceFileId: null; line: null; reason: string; raw: string }

/** One stream: drift first, then batches after the stream's cursor, each stored with its cursor in one transaction. */
async function syncStream(
  ctx: JobContext,
  connection: ConnectionRow,
  source: CursorSource,
  name: string,
  snapshot: SnapshotField[],
): Promise<SyncOutcome & { skipped?: string }> {
  const { db, env } = ctx.services
  const tenantId = ctx.tenantId
  const stream = await withTenant(db, tenantId, (tx) => upsertStream(tx, tenantId, connection.id, name))
  const outcome: SyncOutcome = { rows: 0, stored: 0, quarantined: 0, drift: [], held: false }
  if (stream.pausedAt) return { ...outcome, held: true }
  const reader = source.reader(name, snapshot)
  if ('skipped' in reader) return { ...outcome, skipped: reader.skipped }

  // A sample gives the schema values to compare (renames) and the stream its field profiles.
  const sampled = source.sample ? profileSample(snapshot, await source.sample(name, snapshot)) : null
  const schema = sampled?.schema ?? snapshot
  const profile = sampled ? { fields: sampled.profile } : undefined
  const { held, frozen } = await checkSchema(ctx, connection, stream, schema, outcome, profile)
  if (held) return { ...outcome, held: true }

  const progress = syncProgress(env, tenantId, stream)
  const feed = await openCanonicalFeed(ctx.services, tenantId, stream.id)
  const toCanonical = recordConverter({
    tenantId,
    connectionId: connection.id,
    streamName: name,
    key: reader.key,
    entity: reader.entity,
  })
  for await (const batch of reader.batches(stream.cursor)) {
    const good: { eventId: string; data: Record<string, unknown> }[] = []
    const events: CanonicalEvent[] = []
    const bad: Quarantined[] = []
    for (const row of batch.rows) {
      const eventId = reader.eventId(stream.id, row)
      const quarantine = (reason: string) =>
        bad.push({ streamId: stream.id, sourceFileId: null, line: null, reason, raw: JSON.stringify(row) })
      if (frozen) {
        quarantine(frozen)
        continue
      }
      const result = toCanonical(eventId, row, reader.time(row) ?? new Date().toISOString())
      if (!result.ok) quarantine(`${result.entity} v1: ${canonicalFailureText(result)}`)
      else {
        good.push({ eventId, data: result.data })
        if (feed) events.push(result.event)
      }
    }
    // Sent before storing: a failed store re-reads the batch and sends the same event ids again.
    if (feed && events.length > 0) await feed(events)
    // Records and the cursor commit together: a crash re-reads this batch (idempotent), never skips it.
    const [stored, quarantined] = await withTenant(db, tenantId, async (tx) => {
      const stored = await insertRecords(tx, tenantId, stream.id, good)
      const quarantined = await insertQuarantine(tx, tenantId, bad)
      await updateStream(tx, tenantId, stream.id, { cursor: batch.cursor, addRecords: stored })
      return [stored, quarantined]
    })
    outcome.rows += batch.rows.length
    outcome.stored += stored
    outcome.quarantined += quarantined
    await progress(outcome)
    if (await ctx.isCancelled()) break
  }
  await announceSyncCompleted(env, tenantId, stream, outcome)
  return outcome
}

/** Syncs the selected streams of a database or SaaS connection, holding the connection's sync lease. */
export async function runCursorSync(ctx: JobContext, connection: ConnectionRow): Promise<JobOutcome> {
  const { db } = ctx.services
  const tenantId = ctx.tenantId
  const leased = await withTenant(db, tenantId, (tx) =>
    acquireSyncLease(tx, tenantId, connection.id, ctx.job.id, LEASE_SECONDS),
  )
  if (!leased) return { status: 'succeeded', result: { skipped: 'another sync of this connection is running' } }
  const totals = {
    streams: 0,
    rows: 0,
    stored: 0,
    quarantined: 0,
    drift_changes: 0,
    held_streams: 0,
    skipped: [] as string[],
    alerts: 0,
  }
  let cancelled = false
  try {
    await withCursorSource(ctx.services.config, connection, async (source) => {
      for (const [name, snapshot] of await source.discover()) {
        cancelled = await ctx.isCancelled()
        if (cancelled) return
        const outcome = await syncStream(ctx, connection, source, name, snapshot)
        if (outcome.skipped) totals.skipped.push(`${name}: ${outcome.skipped}`)
        else if (outcome.held) totals.held_streams++
        else totals.streams++
        totals.rows += outcome.rows
        totals.stored += outcome.stored
        totals.quarantined += outcome.quarantined
        totals.drift_changes += outcome.drift.length
      }
      const alerts = source.alerts?.() ?? []
      await raiseSourceAlerts(ctx.services, tenantId, connection, alerts)
      totals.alerts = alerts.length
    })
  } finally {
    await withTenant(db, tenantId, (tx) => releaseSyncLease(tx, tenantId, connection.id, ctx.job.id))
  }
  if (cancelled) return { status: 'cancelled' }
  await withTenant(db, tenantId, (tx) => touchConnectionSynced(tx, tenantId, connection.id))
  return { status: 'succeeded', result: totals }
}
