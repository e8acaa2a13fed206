import { withTenant } from '../adapters/db/client.ts'
import { claimJob, isCancelRequested, transitionJob } from '../adapters/db/jobs-repo.ts'
import { failureDetail, failureSummary } from '../core/jobs/failure.ts'
import { afterFailure, retryDelaySeconds } from '../core/jobs/lifecycle.ts'
import { isJobKind, JobMessage } from '../core/jobs/payloads.ts'
import type { Services } from '../services/container.ts'
import { publishJobEvent } from '../services/jobs/job-events.ts'
import { runHandler } from './handlers/index.ts'

/**
 * One delivery of a job message: claim (or ack a duplicate), run the kind's handler, record the
 * outcome. Failures retry with exponential backoff; the last one goes to the dead-letter queue.
 */
export async function runJobMessage(message: Message<unknown>, services: Services): Promise<void> {
  const { env, db, log, config } = services
  const parsed = JobMessage.safeParse(message.body)
  if (!parsed.success) {
    log('error', 'malformed job message acknowledged without effect', { body: message.body })
    message.ack()
    return
  }
  const { tenant_id: tenantId, job_id: jobId } = parsed.data
  const job = await withTenant(db, tenantId, (tx) => claimJob(tx, tenantId, jobId))
  if (!job) {
    message.ack() // finished, cancelled or owned by another delivery: nothing to do twice
    return
  }
  await publishJobEvent(env, 'aos.job.started', job)
  const ctx = {
    tenantId,
    job,
    services,
    isCancelled: () => withTenant(db, tenantId, (tx) => isCancelRequested(tx, tenantId, jobId)),
  }
  try {
    if (!isJobKind(job.kind)) throw new Error(`unknown job kind ${job.kind}`)
    const outcome = await runHandler(job.kind, ctx, job.payload)
    const done = await withTenant(db, tenantId, (tx) =>
      transitionJob(tx, tenantId, jobId, ['running'], {
        status: outcome.status,
        result: outcome.status === 'succeeded' ? outcome.result : null,
        finishedAt: new Date(),
        lastError: null,
        lastErrorDetail: null,
      }),
    )
    if (done)
      await publishJobEvent(env, outcome.status === 'succeeded' ? 'aos.job.succeeded' : 'aos.job.cancelled', done)
    message.ack()
  } catch (error) {
    const detail = failureDetail(error)
    const retry = afterFailure(job.attempts, job.maxAttempts) === 'retry'
    const delay = retryDelaySeconds(job.attempts, config.JOB_RETRY_BASE_SECONDS)
    const failed = await withTenant(db, tenantId, (tx) =>
      transitionJob(tx, tenantId, jobId, ['running'], {
        status: 'failed',
        lastError: failureSummary(error, jobId),
        lastErrorDetail: detail,
        nextRunAt: retry ? new Date(Date.now() + delay * 1000) : null,
      }),
    )
    log('warn', 'job attempt failed', { job_id: jobId, tenant_id: tenantId, attempt: job.attempts, error: detail })
    if (failed)
      await publishJobEvent(env, 'aos.job.failed', failed, { will_retry: retry, retry_in_s: retry ? delay : null })
    if (retry) {
      message.retry({ delaySeconds: delay })
    } else {
      await env.JOBS_DLQ.send(parsed.data)
      message.ack()
    }
  }
}
