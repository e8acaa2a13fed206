import type { Tx } from '../../adapters/db/client.ts'
import { withTenant } from '../../adapters/db/client.ts'
import {
  claimJobs,
  countRunning,
  deferJobs,
  findClaimableKinds,
  finishJobs,
  isCancelRequested,
  type JobRow,
  lockTenantCounter,
  setJobProgress,
  transitionJob,
  wakeDeferredJobs,
} from '../../adapters/db/jobs-repo.ts'
import { enqueueJob } from '../../adapters/job-queues.ts'
import type { JobKind } from '../../contract/vocabulary/jobs.ts'
import { failureDetail, failureSummary } from '../../core/jobs/failure.ts'
import { DEFER_SECONDS, JOB_LANE, type JobLane, kindsInLane } from '../../core/jobs/lanes.ts'
import { afterFailure, retryDelaySeconds } from '../../core/jobs/lifecycle.ts'
import { isJobKind } from '../../core/jobs/payloads.ts'
import type { Services } from '../container.ts'
import { publishJobEvent, publishJobEvents } from './job-events.ts'

// The lifecycle of one attempt at a job, as the queue consumer drives it: start, check for a
// cancellation, then succeed (or stop, cancelled) or fail with a retry decision.

/**
 * Claims these jobs of one tenant (a queue batch's) in one transaction, as long as the tenant runs
 * fewer than JOB_TENANT_CONCURRENCY jobs of each lane, and announces them in one call to its hub. A job
 * over its lane's limit waits for a slot (a wait is not a failed attempt): the end of a running job
 * wakes it, and its message, sent again in DEFER_SECONDS, is the fallback. Jobs finished, cancelled or owned by another delivery are not returned: their deliveries have
 * nothing more to do.
 */
export async function startJobAttempts(services: Services, tenantId: string, jobIds: string[]): Promise<JobRow[]> {
  const { claimed, deferred } = await withTenant(services.db, tenantId, async (tx) => {
    const claimable = await findClaimableKinds(tx, tenantId, jobIds)
    const toClaim: string[] = []
    const deferred: { id: string; kind: JobKind }[] = []
    const byLane = new Map<JobLane, { id: string; kind: JobKind }[]>()
    for (const { id, kind } of claimable) {
      // A retired kind has no lane: it is claimed, and its handler lookup fails the attempt.
      if (!isJobKind(kind)) toClaim.push(id)
      else byLane.set(JOB_LANE[kind], [...(byLane.get(JOB_LANE[kind]) ?? []), { id, kind }])
    }
    // Lanes locked in one order, so two batches of one tenant never wait on each other's locks crosswise.
    for (const lane of [...byLane.keys()].sort()) {
      await lockTenantCounter(tx, tenantId, `running:${lane}`)
      const free = services.config.JOB_TENANT_CONCURRENCY - (await countRunning(tx, tenantId, kindsInLane(lane)))
      const jobs = byLane.get(lane) ?? []
      toClaim.push(...jobs.slice(0, Math.max(0, free)).map((job) => job.id))
      deferred.push(...jobs.slice(Math.max(0, free)))
    }
    await deferJobs(
      tx,
      tenantId,
      deferred.map((job) => job.id),
      DEFER_SECONDS,
    )
    return { claimed: toClaim.length > 0 ? await claimJobs(tx, tenantId, toClaim) : [], deferred }
  })
  await Promise.all(
    deferred.map(({ id, kind }) => enqueueJob(services.env, kind, { tenant_id: tenantId, job_id: id }, DEFER_SECONDS)),
  )
  await publishJobEvents(
    services.env,
    tenantId,
    claimed.map((job) => ({ type: 'aos.job.started', job })),
  )
  return claimed
}

export type StartedJob = JobRow

/**
 * Wakes as many of the tenant's deferred jobs as these ended jobs freed slots, lane by lane, under the
 * lane's lock: a job deferred by a concurrent claim is either seen here or finds the slot free itself.
 */
async function wakeForFreedSlots(tx: Tx, tenantId: string, ended: readonly { kind: string }[]) {
  const freed = new Map<JobLane, number>()
  for (const { kind } of ended) if (isJobKind(kind)) freed.set(JOB_LANE[kind], (freed.get(JOB_LANE[kind]) ?? 0) + 1)
  const woken: { id: string; kind: string }[] = []
  for (const [lane, slots] of [...freed].sort(([a], [b]) => a.localeCompare(b))) {
    await lockTenantCounter(tx, tenantId, `running:${lane}`)
    woken.push(...(await wakeDeferredJobs(tx, tenantId, kindsInLane(lane), slots)))
  }
  return woken
}

const sendWoken = (services: Services, tenantId: string, woken: readonly { id: string; kind: string }[]) =>
  Promise.all(
    woken.flatMap(({ id, kind }) =>
      isJobKind(kind) ? [enqueueJob(services.env, kind, { tenant_id: tenantId, job_id: id })] : [],
    ),
  )

const PROGRESS_EVERY_MS = 1000

/**
 * The job's progress reporter: stores `done` of `total` on the job row and announces `aos.job.progress`, at
 * most once a second (the first and the last report always), so a large job shows movement without flooding.
 * A job of a few named steps reports each with `throttle: false`: a step skipped would leave a watcher
 * (the onboarding wizard) showing the step before.
 */
export function jobProgressReporter(services: Services, job: StartedJob, now: () => number = Date.now) {
  let last = Number.NEGATIVE_INFINITY
  return async (done: number, total: number, unit: string, { throttle = true } = {}) => {
    if (throttle && done < total && now() - last < PROGRESS_EVERY_MS) return
    last = now()
    const progress = { done, total, unit }
    const row = await withTenant(services.db, job.tenantId, (tx) => setJobProgress(tx, job.tenantId, job.id, progress))
    if (row) await publishJobEvent(services.env, 'aos.job.progress', row, { progress })
  }
}

/** True once someone asked to cancel the job; long handlers check it between steps. */
export const isJobCancelRequested = (services: Services, tenantId: string, jobId: string) =>
  withTenant(services.db, tenantId, (tx) => isCancelRequested(tx, tenantId, jobId))

/**
 * The same check inside a transaction a handler holds open across its steps: it sees a cancellation
 * committed meanwhile (read committed), where a second transaction on the embedded store would wait for it.
 */
export const isJobCancelRequestedIn = (tx: Tx, tenantId: string, jobId: string) =>
  isCancelRequested(tx, tenantId, jobId)

export type JobOutcome = { status: 'succeeded'; result: Record<string, unknown> } | { status: 'cancelled' }

/** Records the handlers' outcomes of one tenant's jobs in one statement and announces them in one call. */
export async function finishJobAttempts(
  services: Services,
  tenantId: string,
  finished: { job: StartedJob; outcome: JobOutcome }[],
) {
  const { done, woken } = await withTenant(services.db, tenantId, async (tx) => {
    const done = await finishJobs(
      tx,
      tenantId,
      finished.map(({ job, outcome }) => ({
        id: job.id,
        status: outcome.status,
        result: outcome.status === 'succeeded' ? outcome.result : null,
      })),
    )
    return { done, woken: await wakeForFreedSlots(tx, tenantId, done) }
  })
  await sendWoken(services, tenantId, woken)
  await publishJobEvents(
    services.env,
    tenantId,
    done.map((job) => ({ type: job.status === 'succeeded' ? 'aos.job.succeeded' : 'aos.job.cancelled', job })),
  )
}

/**
 * Records a failed attempt (its summary for the tenant, its detail for operators) and decides whether it
 * retries, after how long: exponential backoff until the job's attempts run out.
 */
export async function failJobAttempt(services: Services, job: StartedJob, error: unknown) {
  const detail = failureDetail(error)
  const retry = afterFailure(job.attempts, job.maxAttempts) === 'retry'
  const delaySeconds = retryDelaySeconds(job.attempts, services.config.JOB_RETRY_BASE_SECONDS)
  const { failed, woken } = await withTenant(services.db, job.tenantId, async (tx) => {
    const failed = await transitionJob(tx, job.tenantId, job.id, ['running'], {
      status: 'failed',
      lastError: failureSummary(error, job.id),
      lastErrorDetail: detail,
      nextRunAt: retry ? new Date(Date.now() + delaySeconds * 1000) : null,
    })
    return { failed, woken: failed ? await wakeForFreedSlots(tx, job.tenantId, [failed]) : [] }
  })
  await sendWoken(services, job.tenantId, woken)
  services.log('warn', 'job attempt failed', {
    job_id: job.id,
    tenant_id: job.tenantId,
    attempt: job.attempts,
    error: detail,
  })
  if (failed)
    await publishJobEvent(services.env, 'aos.job.failed', failed, {
      will_retry: retry,
      retry_in_s: retry ? delaySeconds : null,
    })
  return { retry, delaySeconds }
}
