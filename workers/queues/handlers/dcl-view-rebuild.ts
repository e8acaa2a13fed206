import type { JobPayload } from '../../core/jobs/payloads.ts'
import { type RebuildProgress, rebuildViewJob } from '../../services/dcl/rebuild-view.ts'
import { isJobCancelRequestedIn } from '../../services/jobs/job-attempts.ts'
import type { JobContext, JobOutcome } from './types.ts'

/**
 * A rebuild too large for a request: chunked, so the consumer's memory stays bounded, and checked for
 * a cancellation after every chunk (a cancelled one rolls back: the view stays its previous complete
 * build). Both the progress and the cancellation live beside the rebuild's transaction: the embedded
 * store runs one transaction at a time, so a write or a read in another transaction awaited from
 * within would wait for itself. The progress is written in order after the chunks (there the figures
 * land at commit; on a Postgres server, as the rebuild goes); the cancellation is read within it.
 */
export async function runDclViewRebuild(ctx: JobContext, payload: JobPayload<'dcl.view-rebuild'>): Promise<JobOutcome> {
  let reported = Promise.resolve()
  const progress: RebuildProgress = async (done, total, unit) => {
    reported = reported.then(() => ctx.reportProgress(done, total, unit))
  }
  const outcome = await rebuildViewJob(ctx.services, ctx.tenantId, payload.entity, {
    progress,
    isCancelled: (tx) => isJobCancelRequestedIn(tx, ctx.tenantId, ctx.job.id),
  })
  await reported
  return outcome
}
