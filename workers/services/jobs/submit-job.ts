import { withTenant } from '../../adapters/db/client.ts'
import { countUnfinished, insertJob, type JobRow, lockTenantCounter } from '../../adapters/db/jobs-repo.ts'
import { enqueueJob } from '../../adapters/job-queues.ts'
import type { JobKind } from '../../contract/vocabulary/jobs.ts'
import type { Services } from '../container.ts'
import { ProblemError } from '../problem-error.ts'
import { publishJobEvent } from './job-events.ts'

/** When a tenant over its job quota should ask again: jobs finish in seconds, a noop sleep within a minute. */
const QUOTA_RETRY_AFTER_SECONDS = 30

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
  const { row, created } = await withTenant(services.db, tenantId, async (tx) => {
    if (input.quota !== undefined) await lockTenantCounter(tx, tenantId, 'unfinished')
    const inserted = await insertJob(tx, tenantId, {
      kind: input.kind,
      payload: input.payload,
      maxAttempts: input.maxAttempts ?? 3,
      idempotencyKey: input.idempotencyKey ?? null,
      createdBy: input.createdBy,
    })
    // Counted after the insert, so a repeat under an existing Idempotency-Key still gets its job back.
    if (inserted.created && input.quota !== undefined && (await countUnfinished(tx, tenantId)) > input.quota) {
      throw new ProblemError(
        'job_quota_exceeded',
        `Your workspace already has ${input.quota} unfinished jobs, its limit. Wait for some to finish or cancel ` +
          'the ones you no longer need (GET /v1/jobs?status=queued, then POST /v1/jobs/{id}/cancel), and submit again.',
        undefined,
        { 'Retry-After': String(QUOTA_RETRY_AFTER_SECONDS) },
      )
    }
    return inserted
  })
  if (created) {
    await enqueueJob(services.env, input.kind, { tenant_id: tenantId, job_id: row.id })
    await publishJobEvent(services.env, 'aos.job.queued', row)
  }
  return { row, created }
}
