import { and, desc, eq, inArray, isNull, or, type SQL, sql } from 'drizzle-orm'
import * as schema from '../../../db/schema/index.ts'
import type { DecidedMapping } from '../../core/dcl/mapping/precedents.ts'
import type { MappingEntry, MappingKey } from '../../core/dcl/registry/mapping-entry.ts'
import type { StoredVersion } from '../../core/dcl/registry/plan-versions.ts'
import type { Tx } from './client.ts'
import { afterCursor, newestFirst } from './keyset-page.ts'

const { connections, mappingRegistry, users } = schema

export type MappingVersionRow = typeof mappingRegistry.$inferSelect
export type NewMappingVersion = Omit<typeof mappingRegistry.$inferInsert, 'id' | 'createdAt'>

/** A stored row in the shape the registry's planning speaks; writers validated these texts on the way in. */
export const asStoredVersion = (v: MappingVersionRow): StoredVersion => ({
  source_system: v.sourceSystem,
  connection_id: v.connectionId,
  source_stream: v.sourceStream,
  source_path: v.sourcePath,
  entity: v.entity,
  field: v.field,
  transform: v.transform as MappingEntry['transform'],
  confidence: v.confidence,
  status: v.status as MappingEntry['status'],
  note: v.note ?? undefined,
  version: v.version,
})

const keyColumns = sql`(${mappingRegistry.sourceSystem}, coalesce(${mappingRegistry.connectionId}::text, ''), ${mappingRegistry.sourceStream}, ${mappingRegistry.sourcePath})`

/** The newest version of each mapping among the rows `where` selects (DISTINCT ON the mapping's key). */
const newestOfEach = (tx: Tx, where: SQL | undefined) =>
  tx
    .selectDistinctOn([
      mappingRegistry.sourceSystem,
      mappingRegistry.connectionId,
      mappingRegistry.sourceStream,
      mappingRegistry.sourcePath,
    ])
    .from(mappingRegistry)
    .where(where)
    .orderBy(
      mappingRegistry.sourceSystem,
      mappingRegistry.connectionId,
      mappingRegistry.sourceStream,
      mappingRegistry.sourcePath,
      desc(mappingRegistry.version),
    )

/** The newest version of each of `keys` that has one. */
export function latestVersions(tx: Tx, tenantId: string, keys: readonly MappingKey[]) {
  if (keys.length === 0) return Promise.resolve([])
  const wanted = JSON.stringify(keys.map((k) => ({ ...k, connection_id: k.connection_id ?? '' })))
  return newestOfEach(
    tx,
    and(
      eq(mappingRegistry.tenantId, tenantId),
      sql`${keyColumns} in (select k.source_system, k.connection_id, k.source_stream, k.source_path
        from jsonb_to_recordset(${wanted}::jsonb)
          as k(source_system text, connection_id text, source_stream text, source_path text))`,
    ),
  )
}

/** The rows of planned versions, as one writer (with its provenance) adds them. */
export const versionRows = (
  tenantId: string,
  writes: readonly StoredVersion[],
  by: { provenance: NewMappingVersion['provenance']; createdBy: string; evidence?: string[] },
): NewMappingVersion[] =>
  writes.map((w) => ({
    tenantId,
    sourceSystem: w.source_system,
    connectionId: w.connection_id,
    sourceStream: w.source_stream,
    sourcePath: w.source_path,
    version: w.version,
    entity: w.entity,
    field: w.field,
    transform: w.transform,
    confidence: w.confidence,
    status: w.status,
    note: w.note ?? null,
    provenance: by.provenance,
    createdBy: by.createdBy,
    ...(by.evidence ? { evidence: by.evidence } : {}),
  }))

/**
 * Adds versions; one that another writer added first (same key and version) is skipped, not doubled.
 * Returns the rows actually written.
 */
export function insertVersions(tx: Tx, rows: readonly NewMappingVersion[]) {
  if (rows.length === 0) return Promise.resolve([])
  return tx
    .insert(mappingRegistry)
    .values([...rows])
    .onConflictDoNothing()
    .returning({ id: mappingRegistry.id })
}

type LatestFilter = {
  connectionId?: string
  sourceStream?: string
  entity?: string
  status?: string
  after?: { createdAt: Date; id: string }
  limit: number
}

/** The newest version of each of the tenant's mappings, newest change first; `limit + 1` rows tell if more follow. */
export function listLatestVersions(tx: Tx, tenantId: string, filter: LatestFilter) {
  const latest = newestOfEach(tx, eq(mappingRegistry.tenantId, tenantId)).as('latest')
  return tx
    .select()
    .from(latest)
    .where(
      and(
        filter.connectionId ? eq(latest.connectionId, filter.connectionId) : undefined,
        filter.sourceStream ? eq(latest.sourceStream, filter.sourceStream) : undefined,
        filter.entity ? eq(latest.entity, filter.entity) : undefined,
        filter.status ? eq(latest.status, filter.status) : undefined,
        filter.after ? afterCursor(latest.createdAt, latest.id, filter.after) : undefined,
      ),
    )
    .orderBy(...newestFirst(latest.createdAt, latest.id))
    .limit(filter.limit + 1)
}

export async function versionById(tx: Tx, tenantId: string, id: string) {
  const [row] = await tx
    .select()
    .from(mappingRegistry)
    .where(and(eq(mappingRegistry.tenantId, tenantId), eq(mappingRegistry.id, id)))
  return row
}

/** Every version of one mapping, newest first. */
export function mappingHistory(tx: Tx, tenantId: string, key: MappingKey) {
  return tx
    .select()
    .from(mappingRegistry)
    .where(
      and(
        eq(mappingRegistry.tenantId, tenantId),
        sql`${keyColumns} = (${key.source_system}, ${key.connection_id ?? ''}, ${key.source_stream}, ${key.source_path})`,
      ),
    )
    .orderBy(desc(mappingRegistry.version))
}

/** One stream of one connection, as the registry names it: mappings stated for the connection or for every one. */
export interface RegistryStream {
  sourceSystem: string
  connectionId: string
  sourceStream: string
}

const ofStream = (tenantId: string, stream: RegistryStream) =>
  and(
    eq(mappingRegistry.tenantId, tenantId),
    eq(mappingRegistry.sourceSystem, stream.sourceSystem),
    eq(mappingRegistry.sourceStream, stream.sourceStream),
    or(eq(mappingRegistry.connectionId, stream.connectionId), isNull(mappingRegistry.connectionId)),
  )

/** The newest version of each of a stream's mappings, in one query. */
export const streamLatestVersions = (tx: Tx, tenantId: string, stream: RegistryStream) =>
  newestOfEach(tx, ofStream(tenantId, stream))

/** Every source field → target pair of a stream that some version rejected, newest or not. */
export function streamRejectedPairs(tx: Tx, tenantId: string, stream: RegistryStream) {
  return tx
    .selectDistinct({
      sourcePath: mappingRegistry.sourcePath,
      entity: mappingRegistry.entity,
      field: mappingRegistry.field,
    })
    .from(mappingRegistry)
    .where(and(ofStream(tenantId, stream), eq(mappingRegistry.status, 'rejected')))
}

/**
 * Mappings whose newest version a person accepted or rejected (or stated by hand), with who and where: the
 * newest `limit` of them, or those of `ids` that still are.
 */
export async function decidedMappings(
  tx: Tx,
  tenantId: string,
  match: { ids: readonly string[] } | { limit: number },
): Promise<DecidedMapping[]> {
  if ('ids' in match && match.ids.length === 0) return []
  const latest = newestOfEach(tx, eq(mappingRegistry.tenantId, tenantId)).as('latest')
  const query = tx
    .select({
      id: latest.id,
      stream: latest.sourceStream,
      connection: connections.name,
      sourcePath: latest.sourcePath,
      entity: latest.entity,
      field: latest.field,
      status: latest.status,
      decidedAt: latest.createdAt,
      note: latest.note,
      by: users.email,
    })
    .from(latest)
    .leftJoin(connections, eq(connections.id, latest.connectionId))
    .leftJoin(users, sql`${latest.createdBy} = 'user:' || ${users.id}::text`)
    .where(
      and(
        eq(latest.provenance, 'manual'),
        inArray(latest.status, ['accepted', 'rejected']),
        'ids' in match ? inArray(latest.id, [...match.ids]) : undefined,
      ),
    )
    .orderBy(...newestFirst(latest.createdAt, latest.id))
  return (await ('limit' in match ? query.limit(match.limit) : query)) as DecidedMapping[]
}
