import type { JobPayload } from '../../core/jobs/payloads.ts'
import { syncConnection } from '../../services/aam/sync-connection.ts'
import type { JobHandler } from './types.ts'

export const runAamSync: JobHandler<JobPayload<'aam.sync'>> = (ctx, payload) =>
  syncConnection(
    ctx.services,
    { tenantId: ctx.tenantId, jobId: ctx.job.id, isCancelled: ctx.isCancelled },
    payload.connection_id,
  )
