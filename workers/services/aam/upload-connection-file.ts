import { insertSourceFile } from '../../adapters/db/aam-repo.ts'
import { withTenant } from '../../adapters/db/client.ts'
import { objectKey, putSourceFile } from '../../adapters/files.ts'
import { FileConfig } from '../../core/aam/connectors/file/connector.ts'
import type { Services } from '../container.ts'
import { submitJob } from '../jobs/submit-job.ts'
import { ProblemError } from '../problem-error.ts'
import { loadUsableConnection } from './load-connection.ts'

/** An upload's body: streamed when its size is declared (memory stays flat), else read whole. */
export type UploadBody = { stream: ReadableStream; size: number } | { read(): Promise<ArrayBuffer> }

/** Stores a file for a FileSource stream and queues the sync that reads it. */
export async function uploadConnectionFile(
  services: Services,
  tenantId: string,
  input: { id: string; stream: string; body: UploadBody; createdBy: string | null },
) {
  const connection = await loadUsableConnection(services, tenantId, input.id)
  const { format } = FileConfig.parse(connection.config)
  const fileId = crypto.randomUUID()
  const key = objectKey(tenantId, connection.id, input.stream, fileId, format)
  const contentType = format === 'csv' ? 'text/csv' : 'application/x-ndjson'
  let size: number
  if ('stream' in input.body) {
    await putSourceFile(services.env, key, input.body.stream, contentType)
    size = input.body.size
  } else {
    const body = await input.body.read()
    size = body.byteLength
    if (size > 0) await putSourceFile(services.env, key, body, contentType)
  }
  if (size === 0) throw new ProblemError('bad_request', 'The upload is empty. Send the file as the request body.')
  await withTenant(services.db, tenantId, (tx) =>
    insertSourceFile(tx, tenantId, {
      id: fileId,
      connectionId: connection.id,
      streamName: input.stream,
      objectKey: key,
      format,
      sizeBytes: size,
    }),
  )
  const { row } = await submitJob(services, tenantId, {
    kind: 'aam.sync',
    payload: { connection_id: connection.id },
    createdBy: input.createdBy,
  })
  return { file_id: fileId, stream: input.stream, size_bytes: size, job_id: row.id }
}
