import type { Services } from '../container.ts'
import { presentJob } from '../jobs/present-job.ts'
import { submitJob } from '../jobs/submit-job.ts'

/**
 * Queues a dcl.backfill job, which brings the DCL up to date with every source: from what the API Mesh
 * stored while USE_AAM_AS_SOURCE is on, by reading every connection directly while it is off.
 */
export async function startBackfill(services: Services, tenantId: string, input: { createdBy: string | null }) {
  const { row } = await submitJob(services, tenantId, { kind: 'dcl.backfill', payload: {}, createdBy: input.createdBy })
  return presentJob(row)
}
