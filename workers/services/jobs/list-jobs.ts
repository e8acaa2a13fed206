import { withTenant } from '../../adapters/db/client.ts'
import { listJobs as selectJobs } from '../../adapters/db/jobs-repo.ts'
import type { JobKind, JobStatus } from '../../contract/vocabulary/jobs.ts'
import type { Services } from '../container.ts'
import { keysetPage, pageStart } from '../keyset-paging.ts'
import { presentJob } from './present-job.ts'

/** One page of the tenant's jobs, newest first; `next_cursor` continues after its last job. */
export async function listJobs(
  services: Services,
  tenantId: string,
  query: { status?: JobStatus; kind?: JobKind; limit: number; cursor?: string },
) {
  const { status, kind, limit, cursor } = query
  const after = pageStart(cursor)
  const rows = await withTenant(services.db, tenantId, (tx) =>
    selectJobs(tx, tenantId, {
      limit,
      ...(status ? { status } : {}),
      ...(kind ? { kind } : {}),
      ...(after ? { after } : {}),
    }),
  )
  return keysetPage(rows, limit, presentJob)
}
