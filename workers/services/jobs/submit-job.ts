import { withTenant } from '../../adapters/db/client.ts'
import { insertJob, type JobRow } from '../../adapters/db/jobs-repo.ts'
import { enqueueJob } from '../../adapters/job-queues.ts'
import type { JobKind } from '../../contract/vocabulary/jobs.ts'
import type { Services } from '../container.ts'
import { publishJobEvent } from './job-events.ts'
import { jobQuotaExceeded, withJobQuotaLock } from './job-quota.ts'

/**
 * Stores a job, sends its id to the kind's queue and announces it. With an idempotency key that
 * already exists, returns the existing job untouched (`created: false`) and sends nothing. With a
 * `quota`, a new job that would give the tenant more unfinished jobs than that is refused
 * (`job-quota-exceeded`, 429).
 */
export async function submitJob(
  services: Services,
  tenantId: string,
  input: {
    kind: JobKind
    payload: Record<string, unknown>
    maxAttempts?: number
    idempotencyKey?: string | null
    createdBy: string | null
    quota?: number
  },
): Promise<{ row: JobRow; created: boolean }> {
  const values = {
    kind: input.kind,
    payload: input.payload,
    maxAttempts: input.maxAttempts ?? 3,
    idempotencyKey: input.idempotencyKey ?? null,
    createdBy: input.createdBy,
  }
  const { quota } = input
  // The quota is checked by the inserting statement; a repeat under an existing Idempotency-Key adds no
  // job, so it still gets its job back at the limit.
  const { row, created } =
    quota === undefined
      ? await withTenant(services.db, tenantId, (tx) => insertJob(tx, tenantId, values))
      : await withJobQuotaLock(services.db, tenantId, async (tx) => {
          const inserted = await insertJob(tx, tenantId, values, quota)
          if (!inserted) throw jobQuotaExceeded(quota)
          return inserted
        })
  if (created) await dispatchJob(services, tenantId, input.kind, row)
  return { row, created }
}

/** Sends a newly stored job's id to its kind's queue and announces it (after the transaction storing it). */
export async function dispatchJob(services: Services, tenantId: string, kind: JobKind, row: JobRow) {
  await enqueueJob(services.env, kind, { tenant_id: tenantId, job_id: row.id })
  await publishJobEvent(services.env, 'aos.job.queued', row)
}
