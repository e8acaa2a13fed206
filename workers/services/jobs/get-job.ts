import { withTenant } from '../../adapters/db/client.ts'
import { findJob } from '../../adapters/db/jobs-repo.ts'
import type { Services } from '../container.ts'
import { ProblemError } from '../problem-error.ts'
import { presentJob } from './present-job.ts'

export async function getJob(services: Services, tenantId: string, id: string) {
  const row = await withTenant(services.db, tenantId, (tx) => findJob(tx, tenantId, id))
  if (!row) throw new ProblemError('not_found', `No job ${id} in this tenant.`)
  return presentJob(row)
}
