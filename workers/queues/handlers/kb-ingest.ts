import type { JobPayload } from '../../core/jobs/payloads.ts'
import { ingestUploadedKbDocument } from '../../services/kb/ingest-uploaded-document.ts'
import type { JobContext, JobOutcome } from './types.ts'

export const runKbIngest = async (ctx: JobContext, payload: JobPayload<'kb.ingest'>): Promise<JobOutcome> => ({
  status: 'succeeded',
  result: {
    ...(await ingestUploadedKbDocument(ctx.services, ctx.tenantId, payload.upload_id, (done, total) =>
      ctx.reportProgress(done, total, 'chunks'),
    )),
  },
})
