import { and, eq, sql } from 'drizzle-orm'
import { connections, streams } from '../../../db/schema/index.ts'
import type { Tx } from './client.ts'

/**
 * What a connection's purge removes, table by table, in the order foreign keys allow: each table's row
 * key, and whether its rows belong to the connection's streams or to the connection itself.
 */
export const PURGED_TABLES = {
  held_records: { key: 'event_id', of: 'stream_id' },
  quarantine: { key: 'id', of: 'stream_id' },
  records: { key: 'event_id', of: 'stream_id' },
  dcl_dead_letters: { key: 'id', of: 'stream_id' },
  repairs: { key: 'id', of: 'connection_id' },
  drift_events: { key: 'id', of: 'connection_id' },
  source_files: { key: 'id', of: 'connection_id' },
  mapping_registry: { key: 'id', of: 'connection_id' },
  streams: { key: 'id', of: 'connection_id' },
} as const
export type PurgedTable = keyof typeof PURGED_TABLES

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

/** How many rows of `table` belong to these owners (stream ids or the connection id). */
export async function countOwned(tx: Tx, tenantId: string, table: PurgedTable, owners: readonly string[]) {
  const { of } = PURGED_TABLES[table]
  const result = await tx.execute<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(table)}
    where tenant_id = ${tenantId} and ${sql.identifier(of)} = any(${sql.param([...owners])}::uuid[])`)
  return result.rows[0]?.n ?? 0
}

/** Deletes up to `limit` rows of `table` belonging to these owners; how many it deleted (0: none left). */
export async function deleteOwnedBatch(
  tx: Tx,
  tenantId: string,
  table: PurgedTable,
  owners: readonly string[],
  limit: number,
) {
  const { key, of } = PURGED_TABLES[table]
  const [t, k] = [sql.identifier(table), sql.identifier(key)]
  const result = await tx.execute<{ n: number }>(sql`with gone as (
      delete from ${t} where tenant_id = ${tenantId} and ${k} in (
        select ${k} from ${t}
        where tenant_id = ${tenantId} and ${sql.identifier(of)} = any(${sql.param([...owners])}::uuid[])
        limit ${limit})
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

/** How many DCL source records of `entity` came from these sources (`/connections/<id>/<stream>`). */
export async function countEntitiesFrom(tx: Tx, tenantId: string, entity: string, sources: readonly string[]) {
  const result = await tx.execute<{ n: number }>(sql`select count(*)::int as n from dcl_entities
    where tenant_id = ${tenantId} and entity = ${entity} and source = any(${sql.param([...sources])}::text[])`)
  return result.rows[0]?.n ?? 0
}

/** Deletes up to `limit` DCL source records of `entity` from these sources; which ones (to refresh their rows). */
export async function deleteEntitiesFromBatch(
  tx: Tx,
  tenantId: string,
  entity: string,
  sources: readonly string[],
  limit: number,
) {
  const result = await tx.execute<{ source: string; external_id: string }>(sql`
    delete from dcl_entities where tenant_id = ${tenantId} and entity = ${entity}
      and (source, external_id) in (
        select source, external_id from dcl_entities
        where tenant_id = ${tenantId} and entity = ${entity} and source = any(${sql.param([...sources])}::text[])
        limit ${limit})
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
