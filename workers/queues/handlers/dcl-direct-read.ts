import type { JobPayload } from '../../core/jobs/payloads.ts'
import { directReadConnection } from '../../services/dcl/direct-read.ts'
import type { JobHandler } from './types.ts'

export const runDclDirectRead: JobHandler<JobPayload<'dcl.direct-read'>> = (ctx, payload) =>
  directReadConnection(ctx.services, ctx.tenantId, payload.connection_id, ctx.isCancelled)
