import { isJobKind, JobMessage } from '../core/jobs/payloads.ts'
import type { Services } from '../services/container.ts'
import {
  failJobAttempt,
  finishJobAttempts,
  isJobCancelRequested,
  type JobOutcome,
  jobProgressReporter,
  type StartedJob,
  startJobAttempts,
} from '../services/jobs/job-attempts.ts'
import { runHandler } from './handlers/index.ts'

type Delivery = { message: Message<unknown>; jobId: string }

/**
 * A batch of job messages: each tenant's jobs are claimed in one transaction (or acked as duplicates),
 * run side by side, and their outcomes recorded together. Failures retry with exponential backoff; the
 * last one goes to the dead-letter queue.
 */
export async function runJobBatch(messages: readonly Message<unknown>[], services: Services): Promise<void> {
  const byTenant = new Map<string, Delivery[]>()
  for (const message of messages) {
    const parsed = JobMessage.safeParse(message.body)
    if (!parsed.success) {
      services.log('error', 'malformed job message acknowledged without effect', { body: message.body })
      message.ack()
      continue
    }
    const { tenant_id: tenantId, job_id: jobId } = parsed.data
    byTenant.set(tenantId, [...(byTenant.get(tenantId) ?? []), { message, jobId }])
  }
  await Promise.all(
    [...byTenant].map(([tenantId, deliveries]) =>
      runTenantDeliveries(services, tenantId, deliveries).catch((error: unknown) => {
        // An infrastructure failure (database down) before any job ran: let the queue redeliver, and dead-letter in the end.
        services.log('error', 'job batch failed', { error: String(error), tenant_id: tenantId })
        for (const { message } of deliveries) message.retry({ delaySeconds: 5 })
      }),
    ),
  )
}

async function runTenantDeliveries(services: Services, tenantId: string, deliveries: Delivery[]) {
  const jobs = new Map(
    (await startJobAttempts(services, tenantId, [...new Set(deliveries.map((d) => d.jobId))])).map((job) => [
      job.id,
      job,
    ]),
  )
  const finish = coalesced((finished: { job: StartedJob; outcome: JobOutcome }[]) =>
    finishJobAttempts(services, tenantId, finished),
  )
  await Promise.all(
    deliveries.map(async ({ message, jobId }) => {
      const job = jobs.get(jobId)
      // Finished, cancelled, deferred, owned by another delivery, or a second copy in this batch: nothing to do twice.
      jobs.delete(jobId)
      if (!job) return message.ack()
      await runJob(services, message, job, finish).catch((error: unknown) => {
        services.log('error', 'message handling failed', { error: String(error), id: message.id })
        message.retry({ delaySeconds: 5 })
      })
    }),
  )
}

async function runJob(
  services: Services,
  message: Message<unknown>,
  job: StartedJob,
  finish: (finished: { job: StartedJob; outcome: JobOutcome }) => Promise<void>,
) {
  const ctx = {
    tenantId: job.tenantId,
    job,
    services,
    isCancelled: () => isJobCancelRequested(services, job.tenantId, job.id),
    reportProgress: jobProgressReporter(services, job),
  }
  try {
    if (!isJobKind(job.kind)) throw new Error(`unknown job kind ${job.kind}`)
    await finish({ job, outcome: await runHandler(job.kind, ctx, job.payload) })
    message.ack()
  } catch (error) {
    const { retry, delaySeconds } = await failJobAttempt(services, job, error)
    if (retry) {
      message.retry({ delaySeconds })
    } else {
      await services.env.JOBS_DLQ.send({ tenant_id: job.tenantId, job_id: job.id })
      message.ack()
    }
  }
}

/**
 * Gathers the calls made before the next turn of the event loop into one call of `flush`: jobs that
 * end together are recorded with one statement, a slow one does not hold back the others' outcomes.
 */
function coalesced<T>(flush: (items: T[]) => Promise<void>): (item: T) => Promise<void> {
  let pending: { items: T[]; done: Promise<void> } | null = null
  return (item) => {
    if (!pending) {
      const items: T[] = []
      const done = new Promise<void>((resolve) => setTimeout(resolve, 0)).then(() => {
        pending = null
        return flush(items)
      })
      pending = { items, done }
    }
    pending.items.push(item)
    return pending.done
  }
}
