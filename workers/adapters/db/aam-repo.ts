import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, lt, or, type SQL, sql } from 'drizzle-orm'
import { connections, driftEvents, quarantine, records, sourceFiles, streams } from '../../../db/schema/index.ts'
import type { DriftPolicy } from '../../core/aam/connections.ts'
import type { ConnectionKind } from '../../core/aam/connectors/registry.ts'
import type { RowCounts } from '../../core/aam/row-counts.ts'
import type { Tx } from './client.ts'

export type ConnectionRow = typeof connections.$inferSelect
export type StreamRow = typeof streams.$inferSelect
export type SourceFileRow = typeof sourceFiles.$inferSelect

export async function insertConnection(
  tx: Tx,
  tenantId: string,
  values: {
    name: string
    kind: ConnectionKind
    config: Record<string, unknown>
    secretCiphertext: string | null
    driftPolicy: DriftPolicy
    schedule: string | null
    nextSyncAt: Date | null
    draft?: boolean
    aodAssetId?: string
  },
) {
  const [row] = await tx
    .insert(connections)
    .values({ tenantId, ...values })
    .returning()
  return row as ConnectionRow
}

export function listConnections(tx: Tx, tenantId: string) {
  return tx
    .select()
    .from(connections)
    .where(and(eq(connections.tenantId, tenantId), isNull(connections.deletedAt)))
    .orderBy(desc(connections.createdAt))
}

export async function findConnection(tx: Tx, tenantId: string, id: string) {
  const [row] = await tx
    .select()
    .from(connections)
    .where(and(eq(connections.tenantId, tenantId), eq(connections.id, id), isNull(connections.deletedAt)))
  return row ?? null
}

/** Changes settings only: streams, records and files are untouched by any update. */
export async function updateConnection(
  tx: Tx,
  tenantId: string,
  id: string,
  values: {
    name?: string
    driftPolicy?: DriftPolicy
    schedule?: string | null
    nextSyncAt?: Date | null
    config?: Record<string, unknown>
    secretCiphertext?: string
    draft?: boolean
  },
) {
  const [row] = await tx
    .update(connections)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(connections.tenantId, tenantId), eq(connections.id, id), isNull(connections.deletedAt)))
    .returning()
  return row ?? null
}

/** Scheduled connections past due, across tenants (only ids leave the SECURITY DEFINER function). */
export async function claimDueSyncs(tx: Tx, now: Date, limit: number) {
  const result = await tx.execute<{ tenant_id: string; connection_id: string; schedule: string }>(
    sql`select tenant_id, connection_id, schedule from app_claim_due_syncs(${now.toISOString()}::timestamptz, ${limit})`,
  )
  return result.rows
}

/** Moves a claimed connection's next sync on, unless its schedule changed meanwhile. */
export async function setNextSync(tx: Tx, tenantId: string, id: string, schedule: string, next: Date | null) {
  await tx
    .update(connections)
    .set({ nextSyncAt: next })
    .where(and(eq(connections.tenantId, tenantId), eq(connections.id, id), eq(connections.schedule, schedule)))
}

/** Soft delete: the connection stops appearing and syncing; its data stays for audit and recovery. */
export async function softDeleteConnection(tx: Tx, tenantId: string, id: string) {
  const rows = await tx
    .update(connections)
    .set({ deletedAt: new Date() })
    .where(and(eq(connections.tenantId, tenantId), eq(connections.id, id), isNull(connections.deletedAt)))
    .returning({ id: connections.id })
  return rows.length > 0
}

/** Marks the connection synced; `counts` (what the sync did with the rows it read) when it read any. */
export async function touchConnectionSynced(tx: Tx, tenantId: string, id: string, counts?: RowCounts) {
  await tx
    .update(connections)
    .set({ lastSyncedAt: new Date(), ...(counts ? { lastSyncCounts: { ...counts } } : {}) })
    .where(and(eq(connections.tenantId, tenantId), eq(connections.id, id)))
}

export async function insertSourceFile(
  tx: Tx,
  tenantId: string,
  values: {
    id: string
    connectionId: string
    streamName: string
    objectKey: string
    format: string
    sizeBytes: number
  },
) {
  const [row] = await tx
    .insert(sourceFiles)
    .values({ tenantId, ...values })
    .returning()
  return row as SourceFileRow
}

/**
 * Files not yet synced nor failed, oldest first: each is read once its turn comes, so order of uploads
 * is kept, and a failed file never stands in front of the next.
 */
export const pendingFiles = (tx: Tx, tenantId: string, connectionId: string) =>
  unfailedFiles(tx, tenantId, connectionId, isNull(sourceFiles.syncedAt))

/** A connection's files that have not failed, oldest first, among those `synced` selects. */
function unfailedFiles(tx: Tx, tenantId: string, connectionId: string, synced: SQL) {
  return tx
    .select()
    .from(sourceFiles)
    .where(
      and(
        eq(sourceFiles.tenantId, tenantId),
        eq(sourceFiles.connectionId, connectionId),
        synced,
        isNull(sourceFiles.failedAt),
      ),
    )
    .orderBy(asc(sourceFiles.uploadedAt), asc(sourceFiles.id))
}

/** Files the AAM has synced, oldest first: what a direct read of a FileSource connection reads again. */
export const syncedFiles = (tx: Tx, tenantId: string, connectionId: string) =>
  unfailedFiles(tx, tenantId, connectionId, isNotNull(sourceFiles.syncedAt))

/** Counts one more sync starting on the file; returns how many have now started. */
export async function startFileAttempt(tx: Tx, tenantId: string, id: string): Promise<number> {
  const [row] = await tx
    .update(sourceFiles)
    .set({ attempts: sql`${sourceFiles.attempts} + 1` })
    .where(and(eq(sourceFiles.tenantId, tenantId), eq(sourceFiles.id, id)))
    .returning({ attempts: sourceFiles.attempts })
  return row?.attempts ?? 0
}

export async function findSourceFile(tx: Tx, tenantId: string, id: string) {
  const [row] = await tx
    .select()
    .from(sourceFiles)
    .where(and(eq(sourceFiles.tenantId, tenantId), eq(sourceFiles.id, id)))
  return row ?? null
}

export async function markFileSynced(tx: Tx, tenantId: string, id: string, counts: RowCounts) {
  await tx
    .update(sourceFiles)
    .set({ syncedAt: new Date(), rowCounts: { ...counts } })
    .where(and(eq(sourceFiles.tenantId, tenantId), eq(sourceFiles.id, id)))
}

export async function markFileFailed(tx: Tx, tenantId: string, id: string, reason: string) {
  await tx
    .update(sourceFiles)
    .set({ failedAt: new Date(), failureReason: reason })
    .where(and(eq(sourceFiles.tenantId, tenantId), eq(sourceFiles.id, id)))
}

/** Keyset over (uploaded_at to the millisecond, id), newest first: the cursor a JS Date can hold exactly. */
const uploadedMs = sql`date_trunc('milliseconds', ${sourceFiles.uploadedAt})`

/** A page of a connection's files, newest first, after `after` (the last file of the previous page). */
export function listFiles(
  tx: Tx,
  tenantId: string,
  connectionId: string,
  page: { limit: number; after?: { uploadedAt: Date; id: string } },
) {
  const conditions: SQL[] = [eq(sourceFiles.tenantId, tenantId), eq(sourceFiles.connectionId, connectionId)]
  if (page.after) {
    const { uploadedAt, id } = page.after
    const at = uploadedAt.toISOString()
    conditions.push(
      or(
        sql`${uploadedMs} < ${at}::timestamptz`,
        and(sql`${uploadedMs} = ${at}::timestamptz`, lt(sourceFiles.id, id)),
      ) as SQL,
    )
  }
  return tx
    .select()
    .from(sourceFiles)
    .where(and(...conditions))
    .orderBy(desc(uploadedMs), desc(sourceFiles.id))
    .limit(page.limit + 1)
}

export async function upsertStream(tx: Tx, tenantId: string, connectionId: string, name: string) {
  const [row] = await tx
    .insert(streams)
    .values({ tenantId, connectionId, name })
    .onConflictDoUpdate({ target: [streams.tenantId, streams.connectionId, streams.name], set: { name } })
    .returning()
  return row as StreamRow
}

export async function findStream(tx: Tx, tenantId: string, id: string) {
  const [row] = await tx
    .select()
    .from(streams)
    .where(and(eq(streams.tenantId, tenantId), eq(streams.id, id)))
  return row ?? null
}

export function listStreams(tx: Tx, tenantId: string, connectionId: string) {
  return tx
    .select()
    .from(streams)
    .where(and(eq(streams.tenantId, tenantId), eq(streams.connectionId, connectionId)))
    .orderBy(asc(streams.name))
}

/** Every stream of the tenant's live connections, grouped by connection. */
export function listTenantStreams(tx: Tx, tenantId: string) {
  return tx
    .select({ stream: streams })
    .from(streams)
    .innerJoin(connections, eq(connections.id, streams.connectionId))
    .where(and(eq(streams.tenantId, tenantId), isNull(connections.deletedAt)))
    .orderBy(asc(connections.createdAt), asc(streams.name))
    .then((rows) => rows.map((r) => r.stream))
}

export async function updateStream(
  tx: Tx,
  tenantId: string,
  id: string,
  values: Partial<
    Pick<StreamRow, 'schema' | 'fingerprint' | 'profile' | 'pausedAt' | 'pausedReason' | 'cursor' | 'heldDriftId'>
  > & {
    addRecords?: number
  },
) {
  const { addRecords, ...rest } = values
  const [row] = await tx
    .update(streams)
    .set({
      ...rest,
      updatedAt: new Date(),
      ...(addRecords ? { recordCount: sql`${streams.recordCount} + ${addRecords}` } : {}),
    })
    .where(and(eq(streams.tenantId, tenantId), eq(streams.id, id)))
    .returning()
  return row ?? null
}

export async function insertDriftEvent(
  tx: Tx,
  tenantId: string,
  values: Omit<typeof driftEvents.$inferInsert, 'tenantId' | 'id' | 'detectedAt'>,
) {
  const [row] = await tx
    .insert(driftEvents)
    .values({ tenantId, ...values })
    .returning()
  return row as typeof driftEvents.$inferSelect
}

/** The stream's most recent drift record, if any. */
export async function latestDrift(tx: Tx, tenantId: string, streamId: string) {
  const [row] = await tx
    .select()
    .from(driftEvents)
    .where(and(eq(driftEvents.tenantId, tenantId), eq(driftEvents.streamId, streamId)))
    .orderBy(desc(driftEvents.detectedAt))
    .limit(1)
  return row ?? null
}

export function listDrift(tx: Tx, tenantId: string, streamId: string) {
  return tx
    .select()
    .from(driftEvents)
    .where(and(eq(driftEvents.tenantId, tenantId), eq(driftEvents.streamId, streamId)))
    .orderBy(desc(driftEvents.detectedAt))
    .limit(200)
}

/**
 * Idempotent by event id: a re-read of the same source rows inserts nothing twice. The batch travels
 * as one JSON parameter that Postgres unpacks (jsonb_to_recordset), far cheaper than 4 parameters a row.
 */
export async function insertRecords(
  tx: Tx,
  tenantId: string,
  streamId: string,
  rows: { eventId: string; data: Record<string, unknown> }[],
): Promise<number> {
  if (rows.length === 0) return 0
  const batch = JSON.stringify(rows.map((r) => ({ event_id: r.eventId, data: r.data })))
  const result = await tx.execute<{ inserted: number }>(sql`
    with inserted as (
      insert into records (tenant_id, stream_id, event_id, data)
      select ${tenantId}::uuid, ${streamId}::uuid, r.event_id, r.data
      from jsonb_to_recordset(${batch}::jsonb) as r(event_id text, data jsonb)
      on conflict (tenant_id, event_id) do nothing
      returning 1
    )
    select count(*)::int as inserted from inserted`)
  return Number(result.rows[0]?.inserted ?? 0)
}

export function listRecords(tx: Tx, tenantId: string, streamId: string, limit: number) {
  return tx
    .select({ eventId: records.eventId, data: records.data })
    .from(records)
    .where(and(eq(records.tenantId, tenantId), eq(records.streamId, streamId)))
    .orderBy(asc(records.syncedAt), asc(records.eventId))
    .limit(limit)
}

/** Keyset pages of a stream's stored records, by event id, for exports. */
export function pageRecords(tx: Tx, tenantId: string, streamId: string, afterEventId: string, limit: number) {
  return tx
    .select({ eventId: records.eventId, data: records.data, syncedAt: records.syncedAt })
    .from(records)
    .where(and(eq(records.tenantId, tenantId), eq(records.streamId, streamId), gt(records.eventId, afterEventId)))
    .orderBy(asc(records.eventId))
    .limit(limit)
}

export type QuarantineEntry = {
  streamId: string
  sourceFileId: string | null
  line: number | null
  reason: string
  raw: string
  rawBase64: string | null
  rawTruncated: boolean
}

export async function insertQuarantine(tx: Tx, tenantId: string, rows: QuarantineEntry[]): Promise<number> {
  if (rows.length === 0) return 0
  const inserted = await tx
    .insert(quarantine)
    .values(rows.map((r) => ({ tenantId, ...r })))
    .onConflictDoNothing()
    .returning({ id: quarantine.id })
  return inserted.length
}

/** A page of the unresolved quarantine of one stream, or of every stream of one connection, oldest first. */
export function listQuarantine(
  tx: Tx,
  tenantId: string,
  of: { streamId: string } | { connectionId: string },
  page: { limit: number; afterSeq?: number },
) {
  const scope =
    'streamId' in of
      ? eq(quarantine.streamId, of.streamId)
      : inArray(
          quarantine.streamId,
          tx
            .select({ id: streams.id })
            .from(streams)
            .where(and(eq(streams.tenantId, tenantId), eq(streams.connectionId, of.connectionId))),
        )
  return tx
    .select()
    .from(quarantine)
    .where(
      and(
        eq(quarantine.tenantId, tenantId),
        scope,
        isNull(quarantine.resolvedAt),
        page.afterSeq === undefined ? undefined : gt(quarantine.seq, page.afterSeq),
      ),
    )
    .orderBy(asc(quarantine.seq))
    .limit(page.limit + 1)
}

/** Takes (or renews) the connection's sync lease for `jobId`; false while another job holds it. */
export async function acquireSyncLease(tx: Tx, tenantId: string, id: string, jobId: string, seconds: number) {
  const rows = await tx
    .update(connections)
    .set({ syncLeaseUntil: sql`now() + make_interval(secs => ${seconds})`, syncJobId: jobId })
    .where(
      and(
        eq(connections.tenantId, tenantId),
        eq(connections.id, id),
        sql`(${connections.syncLeaseUntil} is null or ${connections.syncLeaseUntil} < now() or ${connections.syncJobId} = ${jobId})`,
      ),
    )
    .returning({ id: connections.id })
  return rows.length > 0
}

export async function releaseSyncLease(tx: Tx, tenantId: string, id: string, jobId: string) {
  await tx
    .update(connections)
    .set({ syncLeaseUntil: null, syncJobId: null })
    .where(and(eq(connections.tenantId, tenantId), eq(connections.id, id), eq(connections.syncJobId, jobId)))
}

/** The lines of a source file still in quarantine (not replayed): what the AAM did not store of it. */
export async function quarantinedLines(tx: Tx, tenantId: string, sourceFileId: string): Promise<Set<number>> {
  const rows = await tx
    .select({ line: quarantine.line })
    .from(quarantine)
    .where(
      and(eq(quarantine.tenantId, tenantId), eq(quarantine.sourceFileId, sourceFileId), isNull(quarantine.resolvedAt)),
    )
  return new Set(rows.flatMap(({ line }) => (line === null ? [] : [line])))
}

export async function findQuarantined(tx: Tx, tenantId: string, id: string) {
  const [row] = await tx
    .select()
    .from(quarantine)
    .where(and(eq(quarantine.tenantId, tenantId), eq(quarantine.id, id)))
  return row ?? null
}

export async function resolveQuarantined(tx: Tx, tenantId: string, id: string) {
  const rows = await tx
    .update(quarantine)
    .set({ resolvedAt: new Date() })
    .where(and(eq(quarantine.tenantId, tenantId), eq(quarantine.id, id), isNull(quarantine.resolvedAt)))
    .returning({ id: quarantine.id })
  return rows.length > 0
}

/** The newest upload of each stream of a connection (what discovery looks at). */
export function latestFilePerStream(tx: Tx, tenantId: string, connectionId: string) {
  return tx
    .selectDistinctOn([sourceFiles.streamName])
    .from(sourceFiles)
    .where(and(eq(sourceFiles.tenantId, tenantId), eq(sourceFiles.connectionId, connectionId)))
    .orderBy(sourceFiles.streamName, desc(sourceFiles.uploadedAt))
}

/** The names of streams and their connections, by stream id (for lists that show where something is). */
export async function streamNames(tx: Tx, tenantId: string, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, { stream: string; connection: string; records: number }>()
  const rows = await tx
    .select({ id: streams.id, stream: streams.name, connection: connections.name, records: streams.recordCount })
    .from(streams)
    .innerJoin(connections, eq(connections.id, streams.connectionId))
    .where(and(eq(streams.tenantId, tenantId), inArray(streams.id, [...ids])))
  return new Map(rows.map((r) => [r.id, { stream: r.stream, connection: r.connection, records: Number(r.records) }]))
}

/** Connection names by id. */
export async function connectionNames(tx: Tx, tenantId: string, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, string>()
  const rows = await tx
    .select({ id: connections.id, name: connections.name })
    .from(connections)
    .where(and(eq(connections.tenantId, tenantId), inArray(connections.id, [...ids])))
  return new Map(rows.map((r) => [r.id, r.name]))
}
