import { and, desc, eq, inArray, lt, or, type SQL, sql } from 'drizzle-orm'
import { jobs } from '../../../db/schema/index.ts'
import type { JobStatus } from '../../contract/vocabulary/jobs.ts'
import { CLAIMABLE, RUNNING_LEASE_SECONDS } from '../../core/jobs/lifecycle.ts'
import type { Tx } from './client.ts'

export type JobRow = typeof jobs.$inferSelect

export async function insertJob(
  tx: Tx,
  tenantId: string,
  values: {
    kind: string
    payload: Record<string, unknown>
    maxAttempts: number
    idempotencyKey: string | null
    createdBy: string | null
  },
): Promise<{ row: JobRow; created: boolean }> {
  const [inserted] = await tx
    .insert(jobs)
    .values({ tenantId, ...values })
    .onConflictDoNothing({
      target: [jobs.tenantId, jobs.idempotencyKey],
      where: sql`${jobs.idempotencyKey} is not null`,
    })
    .returning()
  if (inserted) return { row: inserted, created: true }
  const [existing] = await tx
    .select()
    .from(jobs)
    .where(and(eq(jobs.tenantId, tenantId), eq(jobs.idempotencyKey, values.idempotencyKey ?? '')))
  return { row: existing as JobRow, created: false }
}

export async function findJob(tx: Tx, tenantId: string, id: string) {
  const [row] = await tx
    .select()
    .from(jobs)
    .where(and(eq(jobs.tenantId, tenantId), eq(jobs.id, id)))
  return row ?? null
}

export function listJobs(
  tx: Tx,
  tenantId: string,
  filter: { status?: JobStatus; kind?: string; limit: number; after?: { createdAt: Date; id: string } },
) {
  const conditions: SQL[] = [eq(jobs.tenantId, tenantId)]
  if (filter.status) conditions.push(eq(jobs.status, filter.status))
  if (filter.kind) conditions.push(eq(jobs.kind, filter.kind))
  if (filter.after) {
    const { createdAt, id } = filter.after
    conditions.push(or(lt(jobs.createdAt, createdAt), and(eq(jobs.createdAt, createdAt), lt(jobs.id, id))) as SQL)
  }
  return tx
    .select()
    .from(jobs)
    .where(and(...conditions))
    .orderBy(desc(jobs.createdAt), desc(jobs.id))
    .limit(filter.limit + 1)
}

/**
 * Atomically moves a claimable job to running and counts the attempt. Returns null when another
 * delivery already owns it or it is finished: the caller acks and does nothing (idempotency).
 */
export async function claimJob(tx: Tx, tenantId: string, id: string) {
  const [row] = await tx
    .update(jobs)
    .set({ status: 'running', attempts: sql`${jobs.attempts} + 1`, startedAt: sql`now()`, nextRunAt: null })
    .where(
      and(
        eq(jobs.tenantId, tenantId),
        eq(jobs.id, id),
        or(
          inArray(jobs.status, [...CLAIMABLE]),
          and(
            eq(jobs.status, 'running'),
            lt(jobs.startedAt, sql`now() - make_interval(secs => ${RUNNING_LEASE_SECONDS})`),
          ),
        ),
      ),
    )
    .returning()
  return row ?? null
}

/** Moves a job from one of `from` to `status`; returns null if it was in none of them. */
export async function transitionJob(
  tx: Tx,
  tenantId: string,
  id: string,
  from: JobStatus[],
  set: Partial<
    Pick<
      JobRow,
      | 'status'
      | 'attempts'
      | 'lastError'
      | 'lastErrorDetail'
      | 'cancelRequestedAt'
      | 'finishedAt'
      | 'nextRunAt'
      | 'result'
    >
  >,
) {
  const [row] = await tx
    .update(jobs)
    .set(set)
    .where(and(eq(jobs.tenantId, tenantId), eq(jobs.id, id), inArray(jobs.status, from)))
    .returning()
  return row ?? null
}

export async function isCancelRequested(tx: Tx, tenantId: string, id: string): Promise<boolean> {
  const [row] = await tx
    .select({ requested: jobs.cancelRequestedAt })
    .from(jobs)
    .where(and(eq(jobs.tenantId, tenantId), eq(jobs.id, id)))
  return Boolean(row?.requested)
}
