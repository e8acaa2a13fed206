import type { Services } from '../container.ts'
import { presentJob } from '../jobs/present-job.ts'
import { submitJob } from '../jobs/submit-job.ts'

/** Queues a test message as a notify.slack job, so the client can follow its outcome in /v1/jobs. */
export async function sendSlackTest(
  services: Services,
  tenantId: string,
  input: { text: string; createdBy: string | null },
) {
  const { row } = await submitJob(services, tenantId, {
    kind: 'notify.slack',
    payload: { text: input.text },
    createdBy: input.createdBy,
  })
  return presentJob(row)
}
