import { isJobKind, JobMessage } from '../core/jobs/payloads.ts'
import type { Services } from '../services/container.ts'
import {
  failJobAttempt,
  finishJobAttempt,
  isJobCancelRequested,
  jobProgressReporter,
  startJobAttempt,
} from '../services/jobs/job-attempts.ts'
import { runHandler } from './handlers/index.ts'

/**
 * One delivery of a job message: claim (or ack a duplicate), run the kind's handler, record the
 * outcome. Failures retry with exponential backoff; the last one goes to the dead-letter queue.
 */
export async function runJobMessage(message: Message<unknown>, services: Services): Promise<void> {
  const parsed = JobMessage.safeParse(message.body)
  if (!parsed.success) {
    services.log('error', 'malformed job message acknowledged without effect', { body: message.body })
    message.ack()
    return
  }
  const { tenant_id: tenantId, job_id: jobId } = parsed.data
  const job = await startJobAttempt(services, tenantId, jobId)
  if (!job) {
    message.ack() // finished, cancelled or owned by another delivery: nothing to do twice
    return
  }
  const ctx = {
    tenantId,
    job,
    services,
    isCancelled: () => isJobCancelRequested(services, tenantId, jobId),
    reportProgress: jobProgressReporter(services, job),
  }
  try {
    if (!isJobKind(job.kind)) throw new Error(`unknown job kind ${job.kind}`)
    await finishJobAttempt(services, job, await runHandler(job.kind, ctx, job.payload))
    message.ack()
  } catch (error) {
    const { retry, delaySeconds } = await failJobAttempt(services, job, error)
    if (retry) {
      message.retry({ delaySeconds })
    } else {
      await services.env.JOBS_DLQ.send(parsed.data)
      message.ack()
    }
  }
}
