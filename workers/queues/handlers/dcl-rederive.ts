import type { JobPayload } from '../../core/jobs/payloads.ts'
import { rederiveStreamById } from '../../services/dcl/rederive-after-mapping.ts'
import type { JobHandler } from './types.ts'

export const runDclRederive: JobHandler<JobPayload<'dcl.rederive'>> = (ctx, payload) =>
  rederiveStreamById(ctx.services, ctx.tenantId, payload.stream_id)
