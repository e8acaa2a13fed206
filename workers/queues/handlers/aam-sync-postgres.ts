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
import type { PostgresSource } from '../../adapters/sources/postgres-source.ts'
import { withPostgresSource } from '../../api/routes/connections/postgres-access.ts'
import type { PostgresConfig } from '../../core/aam/connections.ts'
import { canonicalFailureText, fileRowToCanonical } from '../../core/aam/file-record.ts'
import type { SnapshotField } from '../../core/aam/schema.ts'
import { jsonRow, readOrder, resumeAfter, rowEventId } from '../../core/aam/sources/postgres-rows.ts'
import { announceSyncCompleted, syncProgress } from '../sync-events.ts'
import { checkSchema, type SyncOutcome } from './aam-sync.ts'
import type { JobContext, JobOutcome } from './types.ts'

const BATCH = 2000
const LEASE_SECONDS = 600

/** One table: drift first, then rows after the stream's cursor, each batch stored with its cursor in one transaction. */
async function syncTable(
  ctx: JobContext,
  connection: ConnectionRow,
  source: PostgresSource,
  config: PostgresConfig,
  table: string,
  snapshot: SnapshotField[],
): Promise<SyncOutcome & { skipped?: string }> {
  const { db, env } = ctx.services
  const tenantId = ctx.tenantId
  const stream = await withTenant(db, tenantId, (tx) => upsertStream(tx, tenantId, connection.id, table))
  const outcome: SyncOutcome = { rows: 0, stored: 0, quarantined: 0, drift: [], held: false }
  if (stream.pausedAt) return { ...outcome, held: true }
  const order = readOrder(snapshot, config.cursor_column, config.primary_key)
  if (!order) return { ...outcome, skipped: `no ${config.primary_key} column to read by` }

  const { held, frozen } = await checkSchema(ctx, connection, stream, snapshot, outcome)
  if (held) return { ...outcome, held: true }

  const progress = syncProgress(env, tenantId, stream)
  let after = resumeAfter(stream.cursor, order)
  for (;;) {
    if (await ctx.isCancelled()) break
    const rows = (await source.readAfter(config.schema, table, order, after, BATCH)).map(jsonRow)
    if (rows.length === 0) break
    const good: { eventId: string; data: Record<string, unknown> }[] = []
    const bad: { streamId: string; sourceFileId: null; line: null; reason: string; raw: string }[] = []
    for (const row of rows) {
      const eventId = rowEventId(stream.id, row, order)
      const time =
        typeof row[config.cursor_column] === 'string' ? (row[config.cursor_column] as string) : new Date().toISOString()
      const quarantine = (reason: string) =>
        bad.push({ streamId: stream.id, sourceFileId: null, line: null, reason, raw: JSON.stringify(row) })
      if (frozen) {
        quarantine(frozen)
        continue
      }
      const canonical = fileRowToCanonical({
        tenantId,
        connectionId: connection.id,
        streamName: table,
        primaryKey: config.primary_key,
        eventId,
        record: row,
        time,
      })
      if (canonical.ok) good.push({ eventId, data: canonical.event.data as Record<string, unknown> })
      else quarantine(canonicalFailureText(canonical))
    }
    const last = rows[rows.length - 1] as Record<string, unknown>
    after = order.map((c) => last[c] ?? null)
    // Records and the cursor commit together: a crash re-reads this batch (idempotent), never skips it.
    const [stored, quarantined] = await withTenant(db, tenantId, async (tx) => {
      const stored = await insertRecords(tx, tenantId, stream.id, good)
      const quarantined = await insertQuarantine(tx, tenantId, bad)
      await updateStream(tx, tenantId, stream.id, { cursor: { order, after }, addRecords: stored })
      return [stored, quarantined]
    })
    outcome.rows += rows.length
    outcome.stored += stored
    outcome.quarantined += quarantined
    await progress(outcome)
    if (rows.length < BATCH) break
  }
  await announceSyncCompleted(env, tenantId, stream, outcome)
  return outcome
}

/** Syncs the selected tables of a Postgres connection, holding the connection's sync lease. */
export async function runPostgresSync(ctx: JobContext, connection: ConnectionRow): Promise<JobOutcome> {
  const { db } = ctx.services
  const tenantId = ctx.tenantId
  const leased = await withTenant(db, tenantId, (tx) =>
    acquireSyncLease(tx, tenantId, connection.id, ctx.job.id, LEASE_SECONDS),
  )
  if (!leased) return { status: 'succeeded', result: { skipped: 'another sync of this connection is running' } }
  const totals = {
    tables: 0,
    rows: 0,
    stored: 0,
    quarantined: 0,
    drift_changes: 0,
    held_tables: 0,
    skipped_tables: [] as string[],
  }
  try {
    await withPostgresSource(ctx.services, connection, async (source, config) => {
      for (const [table, snapshot] of await source.discover(config.schema, config.tables)) {
        const outcome = await syncTable(ctx, connection, source, config, table, snapshot)
        if (outcome.skipped) totals.skipped_tables.push(`${table}: ${outcome.skipped}`)
        else if (outcome.held) totals.held_tables++
        else totals.tables++
        totals.rows += outcome.rows
        totals.stored += outcome.stored
        totals.quarantined += outcome.quarantined
        totals.drift_changes += outcome.drift.length
      }
    })
  } finally {
    await withTenant(db, tenantId, (tx) => releaseSyncLease(tx, tenantId, connection.id, ctx.job.id))
  }
  await withTenant(db, tenantId, (tx) => touchConnectionSynced(tx, tenantId, connection.id))
  return { status: 'succeeded', result: totals }
}
