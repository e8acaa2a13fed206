import type { JobPayload } from '../../core/jobs/payloads.ts'
import { rebuildView } from '../../services/dcl/refresh-views.ts'
import type { JobContext, JobOutcome } from './types.ts'

/** A rebuild too large for a request: a queue consumer has minutes, not seconds, so no limit here. */
export const runDclViewRebuild = async (
  ctx: JobContext,
  payload: JobPayload<'dcl.view-rebuild'>,
): Promise<JobOutcome> => ({
  status: 'succeeded',
  result: await rebuildView(ctx.services, ctx.tenantId, payload.entity, Number.POSITIVE_INFINITY),
})
