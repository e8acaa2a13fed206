import { and, eq, inArray, ne, sql } from 'drizzle-orm'
import { connections, repairs, tenantAutomation } from '../../../db/schema/index.ts'
import type { RepairKind, RepairStatus } from '../../contract/vocabulary/repairs.ts'
import type { Precedent } from '../../core/repair/history.ts'
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

/** People's decisions on repairs with these signatures: the history the engine weighs. */
export async function precedents(tx: Tx, tenantId: string, signatures: readonly string[]): Promise<Precedent[]> {
  if (signatures.length === 0) return []
  const rows = await tx
    .select({ signature: repairs.signature, status: repairs.status, decidedAt: repairs.decidedAt })
    .from(repairs)
    .where(
      and(
        eq(repairs.tenantId, tenantId),
        inArray(repairs.signature, [...signatures]),
        ne(repairs.decidedByType, 'system'),
        inArray(repairs.status, ['applied', 'rejected', 'reverted']),
      ),
    )
    .orderBy(repairs.decidedAt)
  const decision = { applied: 'approved', rejected: 'rejected', reverted: 'reverted' } as const
  return rows.map((r) => ({
    signature: r.signature,
    decision: decision[r.status as keyof typeof decision],
    at: (r.decidedAt ?? new Date()).toISOString(),
  }))
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
