import type { z } from '@hono/zod-openapi'
import { kbUploadKey, putSourceFile } from '../../adapters/files.ts'
import type { KbDocumentUpload } from '../../contract/kb.ts'
import type { Services } from '../container.ts'
import { presentJob } from '../jobs/present-job.ts'
import { submitJob } from '../jobs/submit-job.ts'

/**
 * Keeps the upload in object storage and queues the kb.ingest job that chunks, embeds and stores it: the
 * request answers at once, and a slow embedding provider retries in the job, not in the client.
 */
export async function submitKbDocument(
  services: Services,
  tenantId: string,
  input: { upload: z.output<typeof KbDocumentUpload>; createdBy: string | null },
) {
  const uploadId = crypto.randomUUID()
  await putSourceFile(
    services.env,
    kbUploadKey(tenantId, uploadId),
    new TextEncoder().encode(JSON.stringify(input.upload)).buffer as ArrayBuffer,
    'application/json',
  )
  const { row } = await submitJob(services, tenantId, {
    kind: 'kb.ingest',
    payload: { key: input.upload.key, upload_id: uploadId },
    createdBy: input.createdBy,
  })
  return { key: input.upload.key, job: presentJob(row) }
}
