import { JobMessage } from '../core/jobs/payloads.ts'
import type { Services } from '../services/container.ts'
import { buryJob } from '../services/jobs/bury-job.ts'

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
  await buryJob(services, parsed.data.tenant_id, parsed.data.job_id)
  message.ack()
}
