import type { Services } from '../container.ts'
import { submitJob } from '../jobs/submit-job.ts'

/** Queues the repair job of a drift record a sync just created (none for null); once per drift record. */
export async function queueRepairs(services: Services, tenantId: string, driftId: string | null) {
  if (!driftId) return
  await submitJob(services, tenantId, {
    kind: 'repair.propose',
    payload: { drift_id: driftId },
    idempotencyKey: `repair:${driftId}`,
    createdBy: null,
  })
}
