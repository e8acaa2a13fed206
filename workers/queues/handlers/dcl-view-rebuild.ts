import type { JobPayload } from '../../core/jobs/payloads.ts'
import { type RebuildProgress, rebuildViewChunked } from '../../services/dcl/rebuild-view-chunked.ts'
import type { JobContext, JobOutcome } from './types.ts'

/**
 * A rebuild too large for a request: chunked, so the consumer's memory stays bounded. Its progress is
 * written in order beside the rebuild's transaction, not awaited inside it: the embedded store runs one
 * transaction at a time, so a write awaited from within would wait for itself (there the figures land
 * at commit; on a Postgres server, as the rebuild goes).
 */
export async function runDclViewRebuild(ctx: JobContext, payload: JobPayload<'dcl.view-rebuild'>): Promise<JobOutcome> {
  let reported = Promise.resolve()
  const progress: RebuildProgress = async (done, total, unit) => {
    reported = reported.then(() => ctx.reportProgress(done, total, unit))
  }
  const result = await rebuildViewChunked(ctx.services, ctx.tenantId, payload.entity, progress)
  await reported
  return { status: 'succeeded', result }
}
