import { canonicalJson } from '../../core/json/canonical.ts'
import type { Services } from '../container.ts'
import { ProblemError } from '../problem-error.ts'
import { presentJob } from './present-job.ts'
import { submitJob } from './submit-job.ts'

/** Postgres jsonb reorders keys, so compare canonical forms. */
const samePayload = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b)

/**
 * A client's job, within the tenant's quota of unfinished jobs (JOB_TENANT_QUEUE_QUOTA). Repeating a request under the same idempotency key returns the job it created
 * (`created: false`); using the key for a different job is a conflict.
 */
export async function createJob(
  services: Services,
  tenantId: string,
  input: Omit<Parameters<typeof submitJob>[2], 'quota'>,
) {
  const { row, created } = await submitJob(services, tenantId, {
    ...input,
    quota: services.config.JOB_TENANT_QUEUE_QUOTA,
  })
  if (!created && (row.kind !== input.kind || !samePayload(row.payload, input.payload))) {
    throw new ProblemError(
      'conflict',
      'This Idempotency-Key was used for a different job. Use a new key for a new job.',
    )
  }
  return { job: presentJob(row), created }
}
