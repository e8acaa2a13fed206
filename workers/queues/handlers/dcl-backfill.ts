import { backfillDcl } from '../../services/aam/backfill-dcl.ts'
import type { JobContext, JobOutcome } from './types.ts'

export const runDclBackfill = (ctx: JobContext): Promise<JobOutcome> =>
  backfillDcl(ctx.services, ctx.tenantId, {
    isCancelled: ctx.isCancelled,
    progress: (done, total) => ctx.reportProgress(done, total, 'connections'),
  })
