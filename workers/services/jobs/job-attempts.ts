import { withTenant } from '../../adapters/db/client.ts'
import { claimJob, isCancelRequested, transitionJob } from '../../adapters/db/jobs-repo.ts'
import { failureDetail, failureSummary } from '../../core/jobs/failure.ts'
import { afterFailure, retryDelaySeconds } from '../../core/jobs/lifecycle.ts'
import type { Services } from '../container.ts'
import { publishJobEvent } from './job-events.ts'

// The lifecycle of one attempt at a job, as the queue consumer drives it: start, check for a
// cancellation, then succeed (or stop, cancelled) or fail with a retry decision.

/** Claims the job for this delivery and announces it; null when it is finished, cancelled or owned elsewhere. */
export async function startJobAttempt(services: Services, tenantId: string, jobId: string) {
  const job = await withTenant(services.db, tenantId, (tx) => claimJob(tx, tenantId, jobId))
  if (job) await publishJobEvent(services.env, 'aos.job.started', job)
  return job
}

export type StartedJob = NonNullable<Awaited<ReturnType<typeof startJobAttempt>>>

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
