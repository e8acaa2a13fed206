import { withTenant } from '../../adapters/db/client.ts'
import { listJobs as selectJobs } from '../../adapters/db/jobs-repo.ts'
import type { JobKind, JobStatus } from '../../contract/vocabulary/jobs.ts'
import { decodeCursor, encodeCursor } from '../../core/http/keyset-cursor.ts'
import type { Services } from '../container.ts'
import { ProblemError } from '../problem-error.ts'
import { presentJob } from './present-job.ts'

/** One page of the tenant's jobs, newest first; `next_cursor` continues after its last job. */
export async function listJobs(
  services: Services,
  tenantId: string,
  query: { status?: JobStatus; kind?: JobKind; limit: number; cursor?: string },
) {
  const { status, kind, limit, cursor } = query
  const after = cursor ? decodeCursor(cursor) : undefined
  if (after === null)
    throw new ProblemError('bad_request', 'The cursor is not valid. Use next_cursor from a previous page.')
  const rows = await withTenant(services.db, tenantId, (tx) =>
    selectJobs(tx, tenantId, {
      limit,
      ...(status ? { status } : {}),
      ...(kind ? { kind } : {}),
      ...(after ? { after } : {}),
    }),
  )
  const page = rows.slice(0, limit)
  const last = page[page.length - 1]
  const nextCursor = rows.length > limit && last ? encodeCursor(last.createdAt, last.id) : null
  return { data: page.map(presentJob), next_cursor: nextCursor }
}
