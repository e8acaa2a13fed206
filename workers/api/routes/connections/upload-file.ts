import { createRoute, z } from '@hono/zod-openapi'
import { bodyLimit } from 'hono/body-limit'
import { insertSourceFile } from '../../../adapters/db/aam-repo.ts'
import { withTenant } from '../../../adapters/db/client.ts'
import { objectKey, putSourceFile } from '../../../adapters/files.ts'
import { UploadAccepted, UploadQuery } from '../../../contract/connections.ts'
import { IdParam } from '../../../contract/params.ts'
import { FileConfig } from '../../../core/aam/connections.ts'
import { loadUsableConnection } from '../../../services/aam/load-connection.ts'
import { submitJob } from '../../../services/jobs/submit-job.ts'
import { ProblemError } from '../../../services/problem-error.ts'
import type { App } from '../../app-env.ts'
import { requireRole } from '../../middleware/require-role.ts'
import { bearerSecurity, jsonBody, problemResponses } from '../../openapi.ts'

export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024
export const UPLOAD_PATH = '/v1/connections/*/files'

const route = createRoute({
  operationId: 'uploadConnectionFile',
  method: 'post',
  path: '/v1/connections/{id}/files',
  tags: ['connections'],
  summary: 'Upload a file to a FileSource stream and sync it',
  description:
    'The raw file is the body (CSV or JSON Lines, per the connection’s `format`; up to 50 MiB). It is stored, then an `aam.sync` job parses it, infers the schema, checks drift against the stream’s previous schema and stores canonical records.',
  security: bearerSecurity,
  middleware: [
    requireRole('member'),
    bodyLimit({
      maxSize: MAX_UPLOAD_BYTES,
      onError: () => {
        throw new ProblemError(
          'payload_too_large',
          'Files are limited to 50 MiB per upload. Split the file and upload the parts.',
        )
      },
    }),
  ] as const,
  request: {
    params: IdParam,
    query: UploadQuery,
    body: {
      required: true,
      content: { 'text/csv': { schema: z.string() }, 'application/x-ndjson': { schema: z.string() } },
    },
  },
  responses: { 202: jsonBody(UploadAccepted, 'Stored; sync queued'), ...problemResponses },
})

export const registerUploadFile = (app: App) =>
  app.openapi(route, async (c) => {
    const { id } = c.req.valid('param')
    const { stream } = c.req.valid('query')
    const services = c.get('services')
    const tenantId = c.get('tenantId')
    const connection = await loadUsableConnection(services, tenantId, id)
    const { format } = FileConfig.parse(connection.config)
    const fileId = crypto.randomUUID()
    const key = objectKey(tenantId, connection.id, stream, fileId, format)
    const contentType = format === 'csv' ? 'text/csv' : 'application/x-ndjson'
    // With a Content-Length the body streams straight to R2 (memory stays flat); without one it is buffered.
    const declared = Number(c.req.header('content-length'))
    let size: number
    if (Number.isFinite(declared) && declared > 0 && c.req.raw.body) {
      await putSourceFile(services.env, key, c.req.raw.body, contentType)
      size = declared
    } else {
      const body = await c.req.arrayBuffer()
      size = body.byteLength
      if (size > 0) await putSourceFile(services.env, key, body, contentType)
    }
    if (size === 0) throw new ProblemError('bad_request', 'The upload is empty. Send the file as the request body.')
    await withTenant(services.db, tenantId, (tx) =>
      insertSourceFile(tx, tenantId, {
        id: fileId,
        connectionId: connection.id,
        streamName: stream,
        objectKey: key,
        format,
        sizeBytes: size,
      }),
    )
    const { row } = await submitJob(services, tenantId, {
      kind: 'aam.sync',
      payload: { connection_id: connection.id },
      createdBy: c.get('principal').userId,
    })
    return c.json({ file_id: fileId, stream, size_bytes: size, job_id: row.id }, 202)
  })
