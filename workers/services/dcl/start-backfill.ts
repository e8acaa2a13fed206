import type { Services } from '../container.ts'
import { presentJob } from '../jobs/present-job.ts'
import { submitJob } from '../jobs/submit-job.ts'
import { ProblemError } from '../problem-error.ts'
import { aamFeedsDcl } from './canonical-feed.ts'

/**
 * Queues a dcl.backfill job, which sends every stored record to the DCL: only while the DCL reads from
 * the AAM, since syncs then send just what changed.
 */
export async function startBackfill(services: Services, tenantId: string, input: { createdBy: string | null }) {
  if (!(await aamFeedsDcl(services, tenantId)))
    throw new ProblemError(
      'conflict',
      'The DCL does not read from the API Mesh: turn USE_AAM_AS_SOURCE on (PUT /v1/flags/USE_AAM_AS_SOURCE), then backfill.',
    )
  const { row } = await submitJob(services, tenantId, { kind: 'dcl.backfill', payload: {}, createdBy: input.createdBy })
  return presentJob(row)
}
