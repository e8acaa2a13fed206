import { and, eq, inArray, sql } from 'drizzle-orm'
import { connections, streams } from '../../../db/schema/index.ts'
import type { Tx } from './client.ts'

/**
 * What a connection's purge removes, table by table, in the order foreign keys allow, and whether a
 * table's rows belong to one of the connection's streams or to the connection itself.
 */
export const PURGED_TABLES = {
  held_records: 'stream_id',
  quarantine: 'stream_id',
  records: 'stream_id',
  dcl_dead_letters: 'stream_id',
  repairs: 'connection_id',
  drift_events: 'connection_id',
  source_files: 'connection_id',
  mapping_registry: 'connection_id',
  streams: 'connection_id',
} as const
export type PurgedTable = keyof typeof PURGED_TABLES

/**
 * Which of the tenant's connections among `ids` are deleted, read FOR SHARE: a delete running meanwhile is
 * waited for and seen, and one starting later waits until the caller's transaction ends.
 */
export async function lockDeletedConnections(tx: Tx, tenantId: string, ids: readonly string[]) {
  if (ids.length === 0) return new Set<string>()
  const rows = await tx
    .select({ id: connections.id, deletedAt: connections.deletedAt })
    .from(connections)
    .where(and(eq(connections.tenantId, tenantId), inArray(connections.id, [...ids])))
    .for('share')
  return new Set(rows.filter((r) => r.deletedAt !== null).map((r) => r.id))
}

/** The connection whatever its state (a purge may follow a plain delete), or null: never another tenant's. */
export async function findConnectionEvenDeleted(tx: Tx, tenantId: string, id: string) {
  const [row] = await tx
    .select({ id: connections.id, deletedAt: connections.deletedAt })
    .from(connections)
    .where(and(eq(connections.tenantId, tenantId), eq(connections.id, id)))
  return row ?? null
}

export async function connectionStreams(tx: Tx, tenantId: string, connectionId: string) {
  return tx
    .select({ id: streams.id, name: streams.name })
    .from(streams)
    .where(and(eq(streams.tenantId, tenantId), eq(streams.connectionId, connectionId)))
}

/** How many rows of `table` belong to `owner` (a stream id or the connection id). */
export async function countOwned(tx: Tx, tenantId: string, table: PurgedTable, owner: string) {
  const result = await tx.execute<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(table)}
    where tenant_id = ${tenantId} and ${sql.identifier(PURGED_TABLES[table])} = ${owner}`)
  return result.rows[0]?.n ?? 0
}

/**
 * Deletes up to `limit` rows of `table` belonging to `owner`; how many (0: none left). The rows are
 * picked first and deleted by their physical address (a TID scan), so the plan cannot turn into a
 * join that rescans the table per row, whatever the statistics of a table just filled say.
 */
export async function deleteOwnedBatch(tx: Tx, tenantId: string, table: PurgedTable, owner: string, limit: number) {
  const t = sql.identifier(table)
  const result = await tx.execute<{ n: number }>(sql`with gone as (
      delete from ${t} where tenant_id = ${tenantId} and ctid = any(array(
        select ctid from ${t} where tenant_id = ${tenantId} and ${sql.identifier(PURGED_TABLES[table])} = ${owner}
        limit ${limit}))
      returning 1)
    select count(*)::int as n from gone`)
  return result.rows[0]?.n ?? 0
}

/** Streams held for a drift review point at the drift record: let go, so drift records can be deleted. */
export async function releaseHeldStreams(tx: Tx, tenantId: string, connectionId: string) {
  await tx
    .update(streams)
    .set({ heldDriftId: null })
    .where(and(eq(streams.tenantId, tenantId), eq(streams.connectionId, connectionId)))
}

/** How many DCL source records of `entity` came from `source` (`/connections/<id>/<stream>`). */
export async function countEntitiesFrom(tx: Tx, tenantId: string, entity: string, source: string) {
  const result = await tx.execute<{ n: number }>(sql`select count(*)::int as n from dcl_entities
    where tenant_id = ${tenantId} and entity = ${entity} and source = ${source}`)
  return result.rows[0]?.n ?? 0
}

/**
 * Deletes up to `limit` DCL source records of `entity` from `source`, walking the primary key in order;
 * which ones (to refresh the view rows that held them). Deleted by address, as in deleteOwnedBatch.
 */
export async function deleteEntitiesFromBatch(tx: Tx, tenantId: string, entity: string, source: string, limit: number) {
  const result = await tx.execute<{ source: string; external_id: string }>(sql`
    delete from dcl_entities where tenant_id = ${tenantId} and ctid = any(array(
      select ctid from dcl_entities where tenant_id = ${tenantId} and entity = ${entity} and source = ${source}
      order by external_id limit ${limit}))
    returning source, external_id`)
  return result.rows
}

/** A purged connection keeps its row (the audit log names it) but no longer its credentials. */
export async function forgetConnectionSecret(tx: Tx, tenantId: string, connectionId: string) {
  await tx
    .update(connections)
    .set({ secretCiphertext: null, lastSyncCounts: null })
    .where(and(eq(connections.tenantId, tenantId), eq(connections.id, connectionId)))
}
