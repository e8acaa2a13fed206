import { backfillDcl } from '../../services/aam/backfill-dcl.ts'
import type { JobContext, JobOutcome } from './types.ts'

export const runDclBackfill = (ctx: JobContext): Promise<JobOutcome> =>
  backfillDcl(ctx.services, ctx.tenantId, ctx.isCancelled)
