// Breaking drift held for review: the drift record's decision and the records read while it waits.
import { and, asc, count, desc, eq, inArray, isNotNull, isNull, lte, sql } from 'drizzle-orm'
import { connections, type DriftReview, driftEvents, heldRecords, streams } from '../../../db/schema/index.ts'
import type { Tx } from './client.ts'

export type DriftRow = typeof driftEvents.$inferSelect
export type HeldRecordRow = typeof heldRecords.$inferSelect
export type HeldRecord = Pick<HeldRecordRow, 'eventId' | 'record' | 'eventTime' | 'sourceFileId' | 'line'>

/** A drift record of one stream (null when it is another stream's). */
export async function findStreamDrift(tx: Tx, tenantId: string, streamId: string, id: string) {
  const row = await findDrift(tx, tenantId, id)
  return row?.streamId === streamId ? row : null
}

/** Idempotent by event id: a record read again while its stream is still held is not held twice. */
export async function insertHeld(
  tx: Tx,
  tenantId: string,
  target: { driftId: string; streamId: string },
  rows: HeldRecord[],
): Promise<number> {
  if (rows.length === 0) return 0
  const inserted = await tx
    .insert(heldRecords)
    .values(
      rows.map((r) => ({
        tenantId,
        ...target,
        eventId: r.eventId,
        record: r.record,
        eventTime: r.eventTime,
        sourceFileId: r.sourceFileId,
        line: r.line,
      })),
    )
    .onConflictDoNothing()
    .returning({ seq: heldRecords.seq })
  return inserted.length
}

/** The oldest held records of a drift, in the order they were read. */
export function oldestHeld(tx: Tx, tenantId: string, driftId: string, limit: number) {
  return tx
    .select()
    .from(heldRecords)
    .where(and(eq(heldRecords.tenantId, tenantId), eq(heldRecords.driftId, driftId)))
    .orderBy(asc(heldRecords.seq))
    .limit(limit)
}

export async function deleteHeldThrough(tx: Tx, tenantId: string, driftId: string, seq: number) {
  await tx
    .delete(heldRecords)
    .where(and(eq(heldRecords.tenantId, tenantId), eq(heldRecords.driftId, driftId), lte(heldRecords.seq, seq)))
}

/** How many records each of these drift records holds now. */
export async function countHeld(tx: Tx, tenantId: string, driftIds: string[]) {
  if (driftIds.length === 0) return new Map<string, number>()
  const rows = await tx
    .select({ driftId: heldRecords.driftId, n: count() })
    .from(heldRecords)
    .where(and(eq(heldRecords.tenantId, tenantId), inArray(heldRecords.driftId, driftIds)))
    .groupBy(heldRecords.driftId)
  return new Map(rows.map((r) => [r.driftId, r.n]))
}

/**
 * Decides a pending drift. Only one decision wins: the update matches a pending row only, so a second
 * (or concurrent) decision gets null.
 */
export async function decidePendingDrift(
  tx: Tx,
  tenantId: string,
  id: string,
  decision: { review: Exclude<DriftReview, 'pending'>; byType: string; byId: string | null; comment: string | null },
) {
  const [row] = await tx
    .update(driftEvents)
    .set({
      review: decision.review,
      decidedAt: new Date(),
      decidedByType: decision.byType,
      decidedById: decision.byId,
      decisionComment: decision.comment,
    })
    .where(and(eq(driftEvents.tenantId, tenantId), eq(driftEvents.id, id), eq(driftEvents.review, 'pending')))
    .returning()
  return row ?? null
}

/** A connection's streams whose hold has been decided but not yet applied, with the decided drift. */
export function decidedHolds(tx: Tx, tenantId: string, connectionId: string) {
  return tx
    .select({ stream: streams, drift: driftEvents })
    .from(streams)
    .innerJoin(driftEvents, eq(driftEvents.id, streams.heldDriftId))
    .where(
      and(
        eq(streams.tenantId, tenantId),
        eq(streams.connectionId, connectionId),
        isNotNull(streams.heldDriftId),
        sql`${driftEvents.review} in ('accepted', 'rejected')`,
      ),
    )
}

export async function findDrift(tx: Tx, tenantId: string, id: string) {
  const [row] = await tx
    .select()
    .from(driftEvents)
    .where(and(eq(driftEvents.tenantId, tenantId), eq(driftEvents.id, id)))
  return row ?? null
}

/** Drift waiting for a person's decision, newest first, with its stream's and connection's names. */
export function pendingDrift(tx: Tx, tenantId: string, limit: number) {
  return tx
    .select({ drift: driftEvents, stream: streams.name, connection: connections.name })
    .from(driftEvents)
    .innerJoin(streams, eq(streams.id, driftEvents.streamId))
    .innerJoin(connections, eq(connections.id, driftEvents.connectionId))
    .where(and(eq(driftEvents.tenantId, tenantId), eq(driftEvents.review, 'pending'), isNull(connections.deletedAt)))
    .orderBy(desc(driftEvents.detectedAt))
    .limit(limit)
}
