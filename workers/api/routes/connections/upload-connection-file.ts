import { createRoute, z } from '@hono/zod-openapi'
import { bodyLimit } from 'hono/body-limit'
import { UploadAccepted, UploadQuery } from '../../../contract/connections.ts'
import { IdParam } from '../../../contract/params.ts'
import { uploadConnectionFile } from '../../../services/aam/upload-connection-file.ts'
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

export const registerUploadConnectionFile = (app: App) =>
  app.openapi(route, async (c) => {
    // With a Content-Length the body streams straight to R2 (memory stays flat); without one it is buffered.
    const declared = Number(c.req.header('content-length'))
    const raw = c.req.raw.body
    const body =
      Number.isFinite(declared) && declared > 0 && raw
        ? { stream: raw, size: declared }
        : { read: () => c.req.arrayBuffer() }
    const accepted = await uploadConnectionFile(c.get('services'), c.get('tenantId'), {
      id: c.req.valid('param').id,
      stream: c.req.valid('query').stream,
      body,
      createdBy: c.get('principal').userId,
    })
    return c.json(accepted, 202)
  })
