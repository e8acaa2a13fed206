import { and, asc, desc, eq, getTableColumns, gt, inArray, lt, or, type SQL, sql } from 'drizzle-orm'
import { jobs } from '../../../db/schema/index.ts'
import type { JobStatus } from '../../contract/vocabulary/jobs.ts'
import { CLAIMABLE, RUNNING_LEASE_SECONDS } from '../../core/jobs/lifecycle.ts'
import { advisoryXactLock, type Tx } from './client.ts'
import { afterCursor, newestFirst } from './keyset-page.ts'

export type JobRow = typeof jobs.$inferSelect

type NewJob = {
  kind: string
  payload: Record<string, unknown>
  maxAttempts: number
  idempotencyKey: string | null
  createdBy: string | null
}
type Inserted = { row: JobRow; created: boolean }

const column = (c: { name: string }) => sql.identifier(c.name)

/** The tenant's jobs not yet finished: queued, running, or failed and waiting for their retry. */
const unfinishedOf = (tenantId: string) =>
  and(eq(jobs.tenantId, tenantId), inArray(jobs.status, ['queued', 'running', 'failed']))

/**
 * Adds a job; under an idempotency key that already exists, returns that job instead (`created:
 * false`). With a `quota`, the job is added only while the tenant has fewer unfinished jobs than that,
 * checked in the inserting statement itself; `null` means it was not (a known key still gets its job
 * back). The quota holds under concurrency only in a transaction holding the tenant's `unfinished`
 * counter lock (tenantCounterLock), whose statements start after the previous holder committed.
 */
export async function insertJob(tx: Tx, tenantId: string, values: NewJob): Promise<Inserted>
export async function insertJob(tx: Tx, tenantId: string, values: NewJob, quota: number): Promise<Inserted | null>
export async function insertJob(tx: Tx, tenantId: string, values: NewJob, quota?: number): Promise<Inserted | null> {
  const underQuota =
    quota === undefined ? sql`` : sql`where (select count(*) from ${jobs} where ${unfinishedOf(tenantId)}) < ${quota}`
  // INSERT … SELECT rather than VALUES so that the quota can withhold the row; the CTE lets the
  // returned row map to JobRow like any select.
  const inserted = tx.$with('inserted', getTableColumns(jobs)).as(sql`insert into ${jobs}
    (${column(jobs.tenantId)}, ${column(jobs.kind)}, ${column(jobs.payload)}, ${column(jobs.maxAttempts)},
     ${column(jobs.idempotencyKey)}, ${column(jobs.createdBy)})
    select ${tenantId}::uuid, ${values.kind}, ${JSON.stringify(values.payload)}::jsonb, ${values.maxAttempts}::int,
      ${values.idempotencyKey}::text, ${values.createdBy}::uuid
    ${underQuota}
    on conflict (${column(jobs.tenantId)}, ${column(jobs.idempotencyKey)})
      where ${column(jobs.idempotencyKey)} is not null do nothing
    returning *`)
  const [row] = await tx.with(inserted).select().from(inserted)
  if (row) return { row, created: true }
  if (values.idempotencyKey === null) return null
  const [existing] = await tx
    .select()
    .from(jobs)
    .where(and(eq(jobs.tenantId, tenantId), eq(jobs.idempotencyKey, values.idempotencyKey)))
  return existing ? { row: existing, created: false } : null
}

/**
 * One job of the tenant. `forUpdate` locks its row until the transaction ends, for a change decided on
 * what was read: a consumer claiming the job meanwhile waits, then finds it changed.
 */
export async function findJob(tx: Tx, tenantId: string, id: string, { forUpdate = false } = {}) {
  const query = tx
    .select()
    .from(jobs)
    .where(and(eq(jobs.tenantId, tenantId), eq(jobs.id, id)))
  const [row] = forUpdate ? await query.for('update') : await query
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
  // The cursor keeps milliseconds, Postgres microseconds: both sides compare on the millisecond.
  if (filter.after) conditions.push(afterCursor(jobs.createdAt, jobs.id, filter.after))
  return tx
    .select()
    .from(jobs)
    .where(and(...conditions))
    .orderBy(...newestFirst(jobs.createdAt, jobs.id))
    .limit(filter.limit + 1)
}

/**
 * Which of `ids` a job of `kind` names in its payload's `field` while queued and not yet started (it will
 * see what is there when it runs, so a second one would add nothing). One query for any number of ids.
 */
export async function idsWithQueuedJob(
  tx: Tx,
  tenantId: string,
  kind: string,
  field: 'connection_id' | 'stream_id',
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set()
  const target = sql<string>`${jobs.payload}->>${field}`
  const rows = await tx
    .selectDistinct({ id: target })
    .from(jobs)
    .where(and(eq(jobs.tenantId, tenantId), eq(jobs.kind, kind), eq(jobs.status, 'queued'), inArray(target, [...ids])))
  return new Set(rows.map((row) => row.id))
}

/** The newest unfinished job (queued, running, or failed awaiting its retry) of `kind` naming `id` in its payload's `field`. */
export async function unfinishedJobFor(
  tx: Tx,
  tenantId: string,
  kind: string,
  field: 'connection_id' | 'stream_id',
  id: string,
) {
  const [row] = await tx
    .select()
    .from(jobs)
    .where(and(unfinishedOf(tenantId), eq(jobs.kind, kind), sql`${jobs.payload}->>${field} = ${id}`))
    .orderBy(desc(jobs.createdAt))
    .limit(1)
  return row ?? null
}

const leaseExpired = sql`now() - make_interval(secs => ${RUNNING_LEASE_SECONDS})`

/**
 * The transaction-scoped lock on one of a tenant's counters (`running:<lane>`, `unfinished`), so that
 * a count checked in the transaction stays true until it commits: concurrent claims or submissions of
 * the same tenant wait for each other, other tenants' do not. Taken with the scope (withTenant's
 * `lock`) or, mid-transaction, by lockTenantCounter.
 */
export const tenantCounterLock = (tenantId: string, counter: string) => `jobs:${counter}:${tenantId}`

export async function lockTenantCounter(tx: Tx, tenantId: string, counter: string) {
  await tx.execute(sql`select ${advisoryXactLock(tenantCounterLock(tenantId, counter))}`)
}

/** The tenant's jobs of `kinds` running now (a running job whose lease expired counts no more). */
export async function countRunning(tx: Tx, tenantId: string, kinds: readonly string[]) {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(jobs)
    .where(
      and(
        eq(jobs.tenantId, tenantId),
        eq(jobs.status, 'running'),
        inArray(jobs.kind, [...kinds]),
        sql`${jobs.startedAt} >= ${leaseExpired}`,
      ),
    )
  return row?.n ?? 0
}

/** How many of the tenant's jobs are unfinished (unfinishedOf). */
export async function countUnfinished(tx: Tx, tenantId: string) {
  const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(jobs).where(unfinishedOf(tenantId))
  return row?.n ?? 0
}

const claimable = (tenantId: string, ids: string[]) =>
  and(
    eq(jobs.tenantId, tenantId),
    inArray(jobs.id, ids),
    or(inArray(jobs.status, [...CLAIMABLE]), and(eq(jobs.status, 'running'), lt(jobs.startedAt, leaseExpired))),
  )

/** The kinds of those jobs a delivery may claim now; finished ones and ones owned by another delivery are absent. */
export function findClaimableKinds(tx: Tx, tenantId: string, ids: string[]) {
  return tx.select({ id: jobs.id, kind: jobs.kind }).from(jobs).where(claimable(tenantId, ids))
}

/**
 * Atomically moves the claimable ones of these jobs to running and counts their attempt, in one
 * statement. A job another delivery already owns, or a finished one, is not returned: its caller acks
 * and does nothing (idempotency).
 */
export function claimJobs(tx: Tx, tenantId: string, ids: string[]) {
  return tx
    .update(jobs)
    .set({ status: 'running', attempts: sql`${jobs.attempts} + 1`, startedAt: sql`now()`, nextRunAt: null })
    .where(claimable(tenantId, ids))
    .returning()
}

/**
 * Marks queued jobs as waiting for a slot of their lane: `next_run_at` is when their message comes
 * back, unless a freed slot wakes them sooner (wakeDeferredJobs).
 */
export async function deferJobs(tx: Tx, tenantId: string, ids: string[], seconds: number) {
  if (ids.length === 0) return
  await tx
    .update(jobs)
    .set({ nextRunAt: sql`now() + make_interval(secs => ${seconds})` })
    .where(and(eq(jobs.tenantId, tenantId), inArray(jobs.id, ids), eq(jobs.status, 'queued')))
}

/**
 * The oldest `limit` jobs of `kinds` waiting for a slot, marked due now so that a concurrent wake
 * does not pick them too. Their deferred messages stay in the queue as the fallback.
 */
export function wakeDeferredJobs(tx: Tx, tenantId: string, kinds: readonly string[], limit: number) {
  const oldest = tx
    .select({ id: jobs.id })
    .from(jobs)
    .where(
      and(
        eq(jobs.tenantId, tenantId),
        eq(jobs.status, 'queued'),
        inArray(jobs.kind, [...kinds]),
        gt(jobs.nextRunAt, sql`now()`),
      ),
    )
    .orderBy(asc(jobs.createdAt))
    .limit(limit)
    .for('update', { skipLocked: true })
  return tx
    .update(jobs)
    .set({ nextRunAt: sql`now()` })
    .where(and(eq(jobs.tenantId, tenantId), inArray(jobs.id, oldest)))
    .returning({ id: jobs.id, kind: jobs.kind })
}

/**
 * Ends running jobs in one statement: each succeeds with its result or stops cancelled. A job no
 * longer running (cancelled meanwhile, lease taken over) is left as it is and not returned.
 */
export function finishJobs(
  tx: Tx,
  tenantId: string,
  outcomes: { id: string; status: 'succeeded' | 'cancelled'; result: Record<string, unknown> | null }[],
) {
  const byId = JSON.stringify(Object.fromEntries(outcomes.map(({ id, status, result }) => [id, { status, result }])))
  const outcome = sql`(${byId}::jsonb -> ${jobs.id}::text)`
  return tx
    .update(jobs)
    .set({
      status: sql`(${outcome} ->> 'status')::job_status`,
      result: sql`nullif(${outcome} -> 'result', 'null'::jsonb)`,
      finishedAt: sql`now()`,
      lastError: null,
      lastErrorDetail: null,
    })
    .where(
      and(
        eq(jobs.tenantId, tenantId),
        inArray(
          jobs.id,
          outcomes.map((o) => o.id),
        ),
        eq(jobs.status, 'running'),
      ),
    )
    .returning()
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

/** The running job's progress, as its handler reports it (a finished job keeps its last report). */
export async function setJobProgress(tx: Tx, tenantId: string, id: string, progress: NonNullable<JobRow['progress']>) {
  const [row] = await tx
    .update(jobs)
    .set({ progress })
    .where(and(eq(jobs.tenantId, tenantId), eq(jobs.id, id), eq(jobs.status, 'running')))
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
