import { and, count, eq, ilike, or, type SQL, sql } from 'drizzle-orm'
import { dclUnifiedKeys, dclUnifiedRows } from '../../../db/schema/index.ts'
import { MEMBER_KEY_SEPARATOR, type ViewMember } from '../../core/dcl/views/member.ts'
import type { Tx } from './client.ts'
import { afterCursor, newestFirst } from './keyset-page.ts'

/** A row to store, with its members' lookup keys (kept in `dcl_unified_keys` only, not on the row). */
export type StoredUnifiedRow = Omit<typeof dclUnifiedRows.$inferInsert, 'tenantId' | 'entity' | 'updatedAt'> & {
  lookup: readonly string[]
}

type MemberRow = { source: string; external_id: string; event_time: string; data: Record<string, unknown> }
const asMember = (r: MemberRow): ViewMember => ({
  source: r.source,
  externalId: r.external_id,
  eventTime: new Date(r.event_time).toISOString(),
  data: r.data,
})

/**
 * Serialises view writes per tenant and entity: a refresh reads rows, re-resolves and replaces them, and
 * two at once would each keep a record the other moved.
 */
export const lockView = (tx: Tx, tenantId: string, entity: string) =>
  tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`dcl-view:${tenantId}:${entity}`}))`)

/** A page of an entity's source records in key order, after the record `after` (a chunked rebuild's input). */
export async function membersPage(
  tx: Tx,
  tenantId: string,
  entity: string,
  after: { source: string; externalId: string } | null,
  limit: number,
) {
  const result = await tx.execute<MemberRow>(sql`
    select source, external_id, event_time, data from dcl_entities
    where tenant_id = ${tenantId} and entity = ${entity}
      ${after ? sql`and (source, external_id) > (${after.source}, ${after.externalId})` : sql``}
    order by source, external_id limit ${limit}`)
  return result.rows.map(asMember)
}

/** How many source records an entity has (whether a rebuild fits in a request). */
export async function countMembers(tx: Tx, tenantId: string, entity: string) {
  const result = await tx.execute<{ n: number }>(
    sql`select count(*)::int as n from dcl_entities where tenant_id = ${tenantId} and entity = ${entity}`,
  )
  return result.rows[0]?.n ?? 0
}

/** The stored source records with these member keys (`<source> US <external_id>`), found by primary key. */
export async function membersByKey(tx: Tx, tenantId: string, entity: string, keys: readonly string[]) {
  if (keys.length === 0) return []
  const parts = keys.map((k) => k.split(MEMBER_KEY_SEPARATOR))
  const result = await tx.execute<MemberRow>(sql`
    select e.source, e.external_id, e.event_time, e.data
    from unnest(${sql.param(parts.map((p) => p[0] ?? ''))}::text[], ${sql.param(parts.map((p) => p.slice(1).join(MEMBER_KEY_SEPARATOR)))}::text[])
      as k(source, external_id)
    join dcl_entities e on e.tenant_id = ${tenantId} and e.entity = ${entity}
      and e.source = k.source and e.external_id = k.external_id
    order by e.source, e.external_id`)
  return result.rows.map(asMember)
}

type TouchedRow = {
  unified_id: string
  member_keys: string[]
  data: Record<string, unknown>
  lineage: Record<string, unknown>
  members: unknown[]
}

/**
 * The stored rows that hold one of these members or share one of these lookup keys, found through
 * `dcl_unified_keys` in one statement per batch of changes. Each key, then each row, is looked up on its own
 * (the lateral joins), so the indexes are walked whatever the planner's statistics say: with `key =
 * any(...)` and `unified_id in (...)` on tables not yet analysed (just filled), Postgres compared each of
 * the tenant's keys and rows with the whole batch (seconds per batch at 10,000 rows). A lookup key held by more than
 * `maxRowsPerKey` rows is too common to say two records are one (a common name word, a switchboard
 * number) and is skipped; at most one row past the limit is read per key (the lateral `limit`), so the
 * work stays proportional to the change, not to the view. Member keys are always followed.
 */
export async function rowsTouching(
  tx: Tx,
  tenantId: string,
  entity: string,
  memberKeys: readonly string[],
  lookup: readonly string[],
  maxRowsPerKey: number,
) {
  const result = await tx.execute<TouchedRow>(sql`
    with hits as (
      select q.key, h.unified_id, true as member from unnest(${sql.param([...memberKeys])}::text[]) as q(key)
      cross join lateral (
        select k.unified_id from dcl_unified_keys k
        where k.tenant_id = ${tenantId} and k.entity = ${entity} and k.key = q.key
      ) h
      union all
      select q.key, h.unified_id, false from unnest(${sql.param([...lookup])}::text[]) as q(key)
      cross join lateral (
        select k.unified_id from dcl_unified_keys k
        where k.tenant_id = ${tenantId} and k.entity = ${entity} and k.key = q.key
        limit ${maxRowsPerKey + 1}
      ) h
    ), counted as (
      select unified_id, member, count(*) over (partition by key) as holders from hits
    )
    select r.unified_id, r.member_keys, r.data, r.lineage, r.members
    from (select distinct unified_id from counted where member or holders <= ${maxRowsPerKey}) c
    cross join lateral (
      select * from dcl_unified_rows r
      where r.tenant_id = ${tenantId} and r.entity = ${entity} and r.unified_id = c.unified_id
    ) r`)
  return result.rows.map((r) => ({
    unifiedId: r.unified_id,
    memberKeys: r.member_keys,
    data: r.data,
    lineage: r.lineage,
    members: r.members,
  }))
}

const INSERT_BATCH = 1000

/**
 * Removes the rows with these ids (all of the entity's when `ids` is 'all') and stores `rows` in their
 * place, with their member and lookup keys in `dcl_unified_keys`.
 */
export async function replaceRows(
  tx: Tx,
  tenantId: string,
  entity: string,
  ids: readonly string[] | 'all',
  rows: readonly StoredUnifiedRow[],
) {
  if (ids === 'all') {
    await tx.delete(dclUnifiedKeys).where(and(eq(dclUnifiedKeys.tenantId, tenantId), eq(dclUnifiedKeys.entity, entity)))
    await tx.delete(dclUnifiedRows).where(and(eq(dclUnifiedRows.tenantId, tenantId), eq(dclUnifiedRows.entity, entity)))
  } else if (ids.length > 0) {
    const replaced = sql.param([...ids])
    await tx.execute(sql`delete from dcl_unified_keys where tenant_id = ${tenantId} and entity = ${entity}
      and unified_id = any(${replaced}::uuid[])`)
    await tx.execute(sql`delete from dcl_unified_rows where tenant_id = ${tenantId} and entity = ${entity}
      and unified_id = any(${replaced}::uuid[])`)
  }
  for (let at = 0; at < rows.length; at += INSERT_BATCH) {
    const batch = rows.slice(at, at + INSERT_BATCH)
    await tx.insert(dclUnifiedRows).values(batch.map(({ lookup: _, ...r }) => ({ ...r, tenantId, entity })))
    const keys = batch.flatMap((r) => [...new Set([...r.memberKeys, ...r.lookup])].map((key) => [key, r.unifiedId]))
    await tx.execute(sql`insert into dcl_unified_keys (tenant_id, entity, key, unified_id)
      select ${tenantId}, ${entity}, k.key, k.unified_id
      from unnest(${sql.param(keys.map(([key]) => key))}::text[], ${sql.param(keys.map(([, id]) => id))}::uuid[])
        as k(key, unified_id)`)
  }
}

export type RowFilter = { q?: string; source?: string }

function filters(tenantId: string, entity: string, filter: RowFilter) {
  const like = filter.q ? `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined
  const conditions: (SQL | undefined)[] = [
    eq(dclUnifiedRows.tenantId, tenantId),
    eq(dclUnifiedRows.entity, entity),
    filter.source ? sql`${dclUnifiedRows.sources} @> array[${filter.source}]::text[]` : undefined,
    like
      ? or(
          ilike(sql`${dclUnifiedRows.data}->>'name'`, like),
          ilike(sql`${dclUnifiedRows.data}->>'email'`, like),
          ilike(sql`concat_ws(' ', ${dclUnifiedRows.data}->>'first_name', ${dclUnifiedRows.data}->>'last_name')`, like),
        )
      : undefined,
  ]
  return and(...conditions)
}

/** A page of an entity's rows, newest refresh first (`limit + 1` rows: one more says a next page exists). */
export function pageRows(
  tx: Tx,
  tenantId: string,
  entity: string,
  filter: RowFilter,
  after: { createdAt: Date; id: string } | undefined,
  limit: number,
) {
  return tx
    .select()
    .from(dclUnifiedRows)
    .where(
      and(
        filters(tenantId, entity, filter),
        after ? afterCursor(dclUnifiedRows.updatedAt, dclUnifiedRows.unifiedId, after) : undefined,
      ),
    )
    .orderBy(...newestFirst(dclUnifiedRows.updatedAt, dclUnifiedRows.unifiedId))
    .limit(limit + 1)
}

export const countRows = async (tx: Tx, tenantId: string, entity: string, filter: RowFilter) =>
  (
    await tx
      .select({ n: count() })
      .from(dclUnifiedRows)
      .where(filters(tenantId, entity, filter))
  )[0]?.n ?? 0

export async function getRow(tx: Tx, tenantId: string, entity: string, unifiedId: string) {
  const [row] = await tx
    .select()
    .from(dclUnifiedRows)
    .where(
      and(
        eq(dclUnifiedRows.tenantId, tenantId),
        eq(dclUnifiedRows.entity, entity),
        eq(dclUnifiedRows.unifiedId, unifiedId),
      ),
    )
  return row ?? null
}

/** Per entity: rows, member records, distinct sources and the last refresh. */
export async function viewSummaries(tx: Tx, tenantId: string) {
  const result = await tx.execute<{
    entity: string
    rows: number
    members: number
    sources: number
    refreshed_at: string | null
  }>(sql`
    select entity, count(*)::int as rows, sum(cardinality(member_keys))::int as members,
      (select count(distinct s)::int from dcl_unified_rows u, unnest(u.sources) s
        where u.tenant_id = ${tenantId} and u.entity = r.entity) as sources,
      max(updated_at) as refreshed_at
    from dcl_unified_rows r where tenant_id = ${tenantId} group by entity`)
  return result.rows
}

/** Per entity and source: how many unified rows have a member from that source, most first. */
export async function viewSourceCounts(tx: Tx, tenantId: string) {
  const result = await tx.execute<{ entity: string; source: string; rows: number }>(sql`
    select entity, s as source, count(*)::int as rows
    from dcl_unified_rows u, unnest(u.sources) s
    where tenant_id = ${tenantId}
    group by entity, s order by entity, rows desc, s`)
  return result.rows
}
