import { refreshMetadataDocuments } from '../../services/kb/metadata-documents.ts'
import type { JobContext, JobOutcome } from './types.ts'

export const runKbMetadata = async (ctx: JobContext): Promise<JobOutcome> => ({
  status: 'succeeded',
  result: { ...(await refreshMetadataDocuments(ctx.services, ctx.tenantId)) },
})
