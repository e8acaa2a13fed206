import { and, desc, eq, inArray, ne, or, sql } from 'drizzle-orm'
import { connections, driftEvents, repairs, streams, tenantAutomation, users } from '../../../db/schema/index.ts'
import type { RepairKind, RepairStatus } from '../../contract/vocabulary/repairs.ts'
import type { DriftChange } from '../../core/aam/schema-snapshot.ts'
import type { DecidedRepair } from '../../core/repair/precedents.ts'
import type { RepairWrite } from '../../core/repair/proposal.ts'
import type { Tx } from './client.ts'
import { afterCursor, newestFirst } from './keyset-page.ts'

type StoredRepair = typeof repairs.$inferSelect
/** A stored repair with its words typed (the schema stores them as text; only this repo writes them). */
export type RepairRow = Omit<StoredRepair, 'kind' | 'status' | 'writes'> & {
  kind: RepairKind
  status: RepairStatus
  writes: RepairWrite[]
}
export type NewRepair = Omit<
  typeof repairs.$inferInsert,
  'id' | 'createdAt' | 'updatedAt' | 'kind' | 'status' | 'writes'
> &
  Pick<RepairRow, 'kind' | 'status' | 'writes'>

const typed = (rows: StoredRepair[]) => rows as unknown as RepairRow[]

/** Stores proposals; one already stored for the same drift change (a redelivered job) is left as it is. */
export async function insertRepairs(tx: Tx, rows: readonly NewRepair[]) {
  if (rows.length === 0) return []
  return typed(
    await tx
      .insert(repairs)
      .values([...rows])
      .onConflictDoNothing()
      .returning(),
  )
}

export async function findRepair(tx: Tx, tenantId: string, id: string) {
  const [row] = typed(
    await tx
      .select()
      .from(repairs)
      .where(and(eq(repairs.tenantId, tenantId), eq(repairs.id, id))),
  )
  return row
}

/** The repairs proposed for one drift record, in change order. */
export async function driftRepairs(tx: Tx, tenantId: string, driftId: string) {
  return typed(
    await tx
      .select()
      .from(repairs)
      .where(and(eq(repairs.tenantId, tenantId), eq(repairs.driftId, driftId)))
      .orderBy(repairs.changeIndex),
  )
}

type ListFilter = {
  status?: RepairStatus
  streamId?: string
  after?: { createdAt: Date; id: string }
  limit: number
}

export async function listRepairs(tx: Tx, tenantId: string, filter: ListFilter) {
  const rows = await tx
    .select()
    .from(repairs)
    .where(
      and(
        eq(repairs.tenantId, tenantId),
        filter.status ? eq(repairs.status, filter.status) : undefined,
        filter.streamId ? eq(repairs.streamId, filter.streamId) : undefined,
        filter.after ? afterCursor(repairs.createdAt, repairs.id, filter.after) : undefined,
      ),
    )
    .orderBy(...newestFirst(repairs.createdAt, repairs.id))
    .limit(filter.limit + 1)
  return typed(rows)
}

/**
 * Moves a repair from one status to the next; matches only a repair still in `from`, so of two
 * concurrent decisions (or a redelivered job) one wins. Undefined: it was not in `from`.
 */
export async function transitionRepair(
  tx: Tx,
  tenantId: string,
  id: string,
  from: RepairStatus,
  to: Partial<Pick<RepairRow, 'appliedVersions' | 'decidedByType' | 'decidedById' | 'comment'>> & {
    status: RepairStatus
  },
) {
  const [row] = typed(
    await tx
      .update(repairs)
      .set({ ...to, decidedAt: new Date(), updatedAt: new Date() })
      .where(and(eq(repairs.tenantId, tenantId), eq(repairs.id, id), eq(repairs.status, from)))
      .returning(),
  )
  return row
}

/**
 * People's decisions on repairs (the engine's own applications are not evidence), oldest first, with
 * where and by whom each was decided: those with these signatures or ids, or, without a match, the newest
 * `limit` (for the knowledge base).
 */
export async function decidedRepairs(
  tx: Tx,
  tenantId: string,
  match: { signatures?: readonly string[]; ids?: readonly string[] } | { limit: number },
): Promise<DecidedRepair[]> {
  const wanted =
    'limit' in match
      ? undefined
      : or(
          match.signatures?.length ? inArray(repairs.signature, [...match.signatures]) : sql`false`,
          match.ids?.length ? inArray(repairs.id, [...match.ids]) : sql`false`,
        )
  const query = tx
    .select({
      id: repairs.id,
      kind: repairs.kind,
      signature: repairs.signature,
      summary: repairs.summary,
      status: repairs.status,
      decidedAt: repairs.decidedAt,
      comment: repairs.comment,
      stream: streams.name,
      connection: connections.name,
      change: sql<DriftChange | null>`${driftEvents.changes} -> ${repairs.changeIndex}`,
      by: users.email,
    })
    .from(repairs)
    .innerJoin(streams, eq(streams.id, repairs.streamId))
    .innerJoin(connections, eq(connections.id, repairs.connectionId))
    .innerJoin(driftEvents, eq(driftEvents.id, repairs.driftId))
    .leftJoin(users, eq(users.id, repairs.decidedById))
    .where(
      and(
        eq(repairs.tenantId, tenantId),
        wanted,
        ne(repairs.decidedByType, 'system'),
        inArray(repairs.status, ['applied', 'rejected', 'reverted']),
      ),
    )
  const rows =
    'limit' in match
      ? (await query.orderBy(desc(repairs.decidedAt)).limit(match.limit)).reverse()
      : await query.orderBy(repairs.decidedAt)
  return rows as DecidedRepair[]
}

export async function automationOf(tx: Tx, tenantId: string) {
  const [row] = await tx.select().from(tenantAutomation).where(eq(tenantAutomation.tenantId, tenantId))
  return row
}

export async function putAutomation(
  tx: Tx,
  tenantId: string,
  values: { safeMode: boolean; repairThreshold: number; updatedBy: string | null },
) {
  const [row] = await tx
    .insert(tenantAutomation)
    .values({ tenantId, ...values })
    .onConflictDoUpdate({ target: tenantAutomation.tenantId, set: { ...values, updatedAt: sql`now()` } })
    .returning()
  return row
}

export async function setConnectionSafeMode(tx: Tx, tenantId: string, connectionId: string, safeMode: boolean) {
  const [row] = await tx
    .update(connections)
    .set({ safeMode, updatedAt: new Date() })
    .where(and(eq(connections.tenantId, tenantId), eq(connections.id, connectionId)))
    .returning({ id: connections.id, safeMode: connections.safeMode })
  return row
}

/** A person edited what a proposed repair writes before approving it. */
export async function replaceRepairWrites(tx: Tx, tenantId: string, id: string, writes: RepairRow['writes']) {
  const [row] = typed(
    await tx
      .update(repairs)
      .set({ writes, updatedAt: new Date() })
      .where(and(eq(repairs.tenantId, tenantId), eq(repairs.id, id), eq(repairs.status, 'proposed')))
      .returning(),
  )
  return row
}
