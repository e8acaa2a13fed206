import { withTenant } from '../../adapters/db/client.ts'
import {
  claimJob,
  countRunning,
  findClaimableKind,
  isCancelRequested,
  lockTenantCounter,
  setJobProgress,
  transitionJob,
} from '../../adapters/db/jobs-repo.ts'
import { enqueueJob } from '../../adapters/job-queues.ts'
import { failureDetail, failureSummary } from '../../core/jobs/failure.ts'
import { DEFER_SECONDS, JOB_LANE, kindsInLane } from '../../core/jobs/lanes.ts'
import { afterFailure, retryDelaySeconds } from '../../core/jobs/lifecycle.ts'
import { isJobKind } from '../../core/jobs/payloads.ts'
import type { Services } from '../container.ts'
import { publishJobEvent } from './job-events.ts'

// The lifecycle of one attempt at a job, as the queue consumer drives it: start, check for a
// cancellation, then succeed (or stop, cancelled) or fail with a retry decision.

/**
 * Claims the job for this delivery and announces it, if its tenant runs fewer than
 * JOB_TENANT_CONCURRENCY jobs of its lane; otherwise sends it again in DEFER_SECONDS, untouched (a wait
 * for a free slot is not a failed attempt). Null when the job is finished, cancelled, owned elsewhere
 * or deferred: the delivery has nothing more to do.
 */
export async function startJobAttempt(services: Services, tenantId: string, jobId: string) {
  const claim = await withTenant(services.db, tenantId, async (tx) => {
    const kind = await findClaimableKind(tx, tenantId, jobId)
    if (kind === null) return null
    // A retired kind has no lane: it is claimed, and its handler lookup fails the attempt.
    if (isJobKind(kind)) {
      const lane = JOB_LANE[kind]
      await lockTenantCounter(tx, tenantId, `running:${lane}`)
      const running = await countRunning(tx, tenantId, kindsInLane(lane))
      if (running >= services.config.JOB_TENANT_CONCURRENCY) return { deferred: kind }
    }
    return { job: await claimJob(tx, tenantId, jobId) }
  })
  if (claim?.deferred) {
    await enqueueJob(services.env, claim.deferred, { tenant_id: tenantId, job_id: jobId }, DEFER_SECONDS)
    return null
  }
  const job = claim?.job ?? null
  if (job) await publishJobEvent(services.env, 'aos.job.started', job)
  return job
}

export type StartedJob = NonNullable<Awaited<ReturnType<typeof startJobAttempt>>>

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

/** Records the handler's outcome: succeeded with its result, or cancelled at its request. */
export async function finishJobAttempt(
  services: Services,
  job: StartedJob,
  outcome: { status: 'succeeded'; result: Record<string, unknown> } | { status: 'cancelled' },
) {
  const done = await withTenant(services.db, job.tenantId, (tx) =>
    transitionJob(tx, job.tenantId, job.id, ['running'], {
      status: outcome.status,
      result: outcome.status === 'succeeded' ? outcome.result : null,
      finishedAt: new Date(),
      lastError: null,
      lastErrorDetail: null,
    }),
  )
  if (done)
    await publishJobEvent(
      services.env,
      outcome.status === 'succeeded' ? 'aos.job.succeeded' : 'aos.job.cancelled',
      done,
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
  const failed = await withTenant(services.db, job.tenantId, (tx) =>
    transitionJob(tx, job.tenantId, job.id, ['running'], {
      status: 'failed',
      lastError: failureSummary(error, job.id),
      lastErrorDetail: detail,
      nextRunAt: retry ? new Date(Date.now() + delaySeconds * 1000) : null,
    }),
  )
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
