import { withTenant } from '../adapters/db/client.ts'
import { transitionJob } from '../adapters/db/jobs-repo.ts'
import { internalFailure } from '../core/jobs/failure.ts'
import { JobMessage } from '../core/jobs/payloads.ts'
import type { Services } from '../services/container.ts'
import { publishJobEvent } from '../services/jobs/job-events.ts'

/**
 * Messages arrive here after the last attempt failed, or when the queue itself gave up on a delivery
 * (a consumer that crashed every time). Either way the job becomes `dead`, visible and replayable.
 */
export async function deadLetterMessage(message: Message<unknown>, services: Services): Promise<void> {
  const parsed = JobMessage.safeParse(message.body)
  if (!parsed.success) {
    services.log('error', 'malformed dead-letter message acknowledged', { body: message.body })
    message.ack()
    return
  }
  const { tenant_id: tenantId, job_id: jobId } = parsed.data
  const dead = await withTenant(services.db, tenantId, (tx) =>
    transitionJob(tx, tenantId, jobId, ['queued', 'running', 'failed'], { status: 'dead', finishedAt: new Date() }),
  )
  if (dead) {
    const explained = dead.lastError
      ? dead
      : await withTenant(services.db, tenantId, (tx) =>
          transitionJob(tx, tenantId, jobId, ['dead'], {
            lastError: internalFailure(jobId),
            lastErrorDetail: 'every delivery crashed the consumer before an attempt recorded its error',
          }),
        )
    await publishJobEvent(services.env, 'aos.job.dead', explained ?? dead)
  }
  message.ack()
}
