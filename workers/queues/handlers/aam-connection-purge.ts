import type { JobPayload } from '../../core/jobs/payloads.ts'
import { purgeConnection } from '../../services/aam/purge-connection.ts'
import type { JobHandler } from './types.ts'

/**
 * Not cancellable between batches: a purge half done could be neither resumed (only dead jobs are
 * replayed) nor undone, so once started it runs to the end; a failed attempt retries from what is left.
 */
export const runAamConnectionPurge: JobHandler<JobPayload<'aam.connection-purge'>> = (ctx, payload) =>
  purgeConnection(
    ctx.services,
    {
      tenantId: ctx.tenantId,
      jobId: ctx.job.id,
      // The last figures are always stored, so a finished purge reads `total` of `total`.
      progress: (done, total, final) => ctx.reportProgress(done, total, 'rows', { throttle: !final }),
    },
    payload.connection_id,
  )
