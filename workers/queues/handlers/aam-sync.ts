import { syncReadAnything } from '../../core/dcl/direct-read.ts'
import type { JobPayload } from '../../core/jobs/payloads.ts'
import { syncConnection } from '../../services/aam/sync-connection.ts'
import { queueDirectRead } from '../../services/dcl/direct-read.ts'
import { queueMetadataRefresh } from '../../services/kb/metadata-documents.ts'
import type { JobHandler } from './types.ts'

export const runAamSync: JobHandler<JobPayload<'aam.sync'>> = async (ctx, payload) => {
  const outcome = await syncConnection(
    ctx.services,
    { tenantId: ctx.tenantId, jobId: ctx.job.id, isCancelled: ctx.isCancelled },
    payload.connection_id,
  )
  // The knowledge base describes streams, drift and mappings: a sync may have changed them.
  if (outcome.status === 'succeeded') await queueMetadataRefresh(ctx.services, ctx.tenantId)
  // While the DCL does not read from the AAM it reads the connection itself, after a sync that read something.
  if (outcome.status === 'succeeded' && syncReadAnything(outcome.result))
    await queueDirectRead(ctx.services, ctx.tenantId, payload.connection_id)
  return outcome
}
