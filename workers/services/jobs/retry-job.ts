import { countUnfinished, findJob, transitionJob } from '../../adapters/db/jobs-repo.ts'
import { enqueueJob } from '../../adapters/job-queues.ts'
import { isJobKind } from '../../core/jobs/payloads.ts'
import type { Services } from '../container.ts'
import { ProblemError } from '../problem-error.ts'
import { publishJobEvent } from './job-events.ts'
import { jobQuotaExceeded, withJobQuotaLock } from './job-quota.ts'
import { presentJob } from './present-job.ts'

/**
 * Re-queues a dead job with a fresh attempt budget; its last error stays visible until it runs. A
 * replayed job is unfinished again, so it counts against the tenant's job quota like a new one.
 */
export async function retryJob(services: Services, tenantId: string, id: string) {
  const quota = services.config.JOB_TENANT_QUEUE_QUOTA
  const { row, current } = await withJobQuotaLock(services.db, tenantId, async (tx) => {
    const current = await findJob(tx, tenantId, id)
    if (current?.status !== 'dead') return { row: null, current }
    // A dead job is not unfinished: replaying it adds one, so there must be a place left.
    if ((await countUnfinished(tx, tenantId)) >= quota) throw jobQuotaExceeded(quota)
    const row = await transitionJob(tx, tenantId, id, ['dead'], {
      status: 'queued',
      attempts: 0,
      finishedAt: null,
      nextRunAt: null,
      result: null,
    })
    return { row, current }
  })
  if (!current) throw new ProblemError('not_found', `No job ${id} in this tenant.`)
  if (!row) throw new ProblemError('conflict', `Only dead jobs can be replayed; job ${id} is ${current.status}.`)
  if (!isJobKind(row.kind)) throw new ProblemError('conflict', `Job kind ${row.kind} is no longer supported.`)
  await enqueueJob(services.env, row.kind, { tenant_id: tenantId, job_id: row.id })
  await publishJobEvent(services.env, 'aos.job.queued', row, { replay: true })
  return presentJob(row)
}
