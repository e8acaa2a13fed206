import { and, desc, type ExtractTablesWithRelations, eq, sql } from 'drizzle-orm'
import type { PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core'
import * as schema from '../../../db/schema/index.ts'
import type { MappingKey } from '../../core/dcl/registry/mapping-entry.ts'

const { mappingRegistry } = schema

/**
 * A transaction of any Postgres driver over the schema: the registry is written by the Worker (Neon
 * driver) and by `npm run ingest:mappings` (node-postgres), through these same functions.
 */
export type RegistryTx = PgTransaction<PgQueryResultHKT, typeof schema, ExtractTablesWithRelations<typeof schema>>

export type MappingVersionRow = typeof mappingRegistry.$inferSelect
export type NewMappingVersion = Omit<typeof mappingRegistry.$inferInsert, 'id' | 'createdAt'>

const keyColumns = sql`(${mappingRegistry.sourceSystem}, coalesce(${mappingRegistry.connectionId}::text, ''), ${mappingRegistry.sourceStream}, ${mappingRegistry.sourcePath})`

/** The newest version of each of `keys` that has one. */
export function latestVersions(tx: RegistryTx, tenantId: string, keys: readonly MappingKey[]) {
  if (keys.length === 0) return Promise.resolve([])
  const wanted = JSON.stringify(keys.map((k) => ({ ...k, connection_id: k.connection_id ?? '' })))
  return tx
    .selectDistinctOn([
      mappingRegistry.sourceSystem,
      mappingRegistry.connectionId,
      mappingRegistry.sourceStream,
      mappingRegistry.sourcePath,
    ])
    .from(mappingRegistry)
    .where(
      and(
        eq(mappingRegistry.tenantId, tenantId),
        sql`${keyColumns} in (select k.source_system, k.connection_id, k.source_stream, k.source_path
          from jsonb_to_recordset(${wanted}::jsonb)
            as k(source_system text, connection_id text, source_stream text, source_path text))`,
      ),
    )
    .orderBy(
      mappingRegistry.sourceSystem,
      mappingRegistry.connectionId,
      mappingRegistry.sourceStream,
      mappingRegistry.sourcePath,
      desc(mappingRegistry.version),
    )
}

/**
 * Adds versions; one that another writer added first (same key and version) is skipped, not doubled.
 * Returns the rows actually written.
 */
export function insertVersions(tx: RegistryTx, rows: readonly NewMappingVersion[]) {
  if (rows.length === 0) return Promise.resolve([])
  return tx
    .insert(mappingRegistry)
    .values([...rows])
    .onConflictDoNothing()
    .returning({ id: mappingRegistry.id })
}
