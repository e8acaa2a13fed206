import { withTenant } from '../../adapters/db/client.ts'
import { transitionJob } from '../../adapters/db/jobs-repo.ts'
import { internalFailure } from '../../core/jobs/failure.ts'
import type { Services } from '../container.ts'
import { publishJobEvent } from './job-events.ts'

/**
 * Marks a job `dead` (visible and replayable) once its last attempt failed or the queue gave up on its
 * deliveries. A job that never recorded an error (every delivery crashed the consumer) gets one that
 * says so, so the tenant sees why.
 */
export async function buryJob(services: Services, tenantId: string, jobId: string) {
  const dead = await withTenant(services.db, tenantId, (tx) =>
    transitionJob(tx, tenantId, jobId, ['queued', 'running', 'failed'], { status: 'dead', finishedAt: new Date() }),
  )
  if (!dead) return
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
