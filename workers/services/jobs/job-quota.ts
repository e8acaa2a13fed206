import type { Tx } from '../../adapters/db/client.ts'
import { countUnfinished, lockTenantCounter } from '../../adapters/db/jobs-repo.ts'
import { ProblemError } from '../problem-error.ts'

/** When a tenant over its job quota should ask again: jobs finish in seconds, a noop sleep within a minute. */
const QUOTA_RETRY_AFTER_SECONDS = 30

/**
 * Runs `change` (which may add an unfinished job) inside the tenant's quota of unfinished jobs: the
 * tenant's counter is locked first, so two requests cannot both take the last place, and a change that
 * leaves more than `quota` unfinished jobs is refused (`job-quota-exceeded`, 429) and rolled back with
 * the transaction. `counts` says whether the change added a job (a repeat under an idempotency key does not).
 */
export async function withinJobQuota<T>(
  tx: Tx,
  tenantId: string,
  quota: number,
  change: () => Promise<T>,
  counts: (result: T) => boolean,
): Promise<T> {
  await lockTenantCounter(tx, tenantId, 'unfinished')
  const result = await change()
  if (counts(result) && (await countUnfinished(tx, tenantId)) > quota) {
    throw new ProblemError(
      'job_quota_exceeded',
      `Your workspace already has ${quota} unfinished jobs, its limit. Wait for some to finish or cancel ` +
        'the ones you no longer need (GET /v1/jobs?status=queued, then POST /v1/jobs/{id}/cancel), and submit again.',
      undefined,
      { 'Retry-After': String(QUOTA_RETRY_AFTER_SECONDS) },
    )
  }
  return result
}
