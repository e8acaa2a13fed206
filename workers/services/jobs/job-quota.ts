import { type Db, type Tx, withTenant } from '../../adapters/db/client.ts'
import { tenantCounterLock } from '../../adapters/db/jobs-repo.ts'
import { ProblemError } from '../problem-error.ts'

/** When a tenant over its job quota should ask again: jobs finish in seconds, a noop sleep within a minute. */
const QUOTA_RETRY_AFTER_SECONDS = 30

/**
 * Runs `fn` in a tenant transaction that holds the tenant's `unfinished` counter lock from its first
 * statement (taken with the scope, in the same round trip), so two requests cannot both take the last
 * place of the quota: each checks the count after the previous one committed.
 */
export const withJobQuotaLock = <T>(db: Db, tenantId: string, fn: (tx: Tx) => Promise<T>) =>
  withTenant(db, tenantId, fn, tenantCounterLock(tenantId, 'unfinished'))

/** The refusal of a job that would give the tenant more than `quota` unfinished jobs (429, Retry-After). */
export const jobQuotaExceeded = (quota: number) =>
  new ProblemError(
    'job_quota_exceeded',
    `Your workspace already has ${quota} unfinished jobs, its limit. Wait for some to finish or cancel ` +
      'the ones you no longer need (GET /v1/jobs?status=queued, then POST /v1/jobs/{id}/cancel), and submit again.',
    undefined,
    { 'Retry-After': String(QUOTA_RETRY_AFTER_SECONDS) },
  )
