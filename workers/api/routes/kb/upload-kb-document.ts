import { createRoute } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { KbDocumentUpload, KbFileUpload, KbUploadAccepted, MAX_KB_FILE_BYTES } from '../../../contract/kb.ts'
import { submitKbDocument, submitKbFile } from '../../../services/kb/submit-kb-document.ts'
import { ProblemError } from '../../../services/problem-error.ts'
import type { App } from '../../app-env.ts'
import { requireRole } from '../../middleware/require-role.ts'
import { bearerSecurity, jsonBody, problem, problemResponses } from '../../openapi.ts'

const PATH = '/v1/kb/documents'
const isMultipart = (contentType: string | undefined) => /^multipart\/form-data\b/i.test(contentType ?? '')

/** A PDF upload: exempt from the 1 MiB limit on other bodies (api/index.ts), it has its own below. */
export const isKbFileUpload = (c: Context) =>
  c.req.method === 'POST' && c.req.path === PATH && isMultipart(c.req.header('content-type'))

const route = createRoute({
  operationId: 'uploadKbDocument',
  method: 'post',
  path: PATH,
  tags: ['kb'],
  summary: 'Add or replace a knowledge-base document (text, Markdown, HTML or PDF); a kb.ingest job stores it',
  description:
    'Send text, Markdown or HTML as JSON, or a PDF as `multipart/form-data` (the `file` field, up to 10 MiB; `key` defaults to the file name). A PDF’s text is read at once, page by page: a password-protected, damaged or text-less (scanned) PDF is refused with 422, and each passage found in a PDF names its page (`Page 3` in `headings`). Answers 202 with the job at once. The job chunks the text (with overlap, keeping section headings), embeds the chunks through the LLM gateway and stores them for full-text and vector search. Uploading a key again replaces its chunks; the same content again changes nothing.',
  security: bearerSecurity,
  middleware: [
    requireRole('member'),
    bodyLimit({
      maxSize: MAX_KB_FILE_BYTES,
      onError: () => {
        throw new ProblemError(
          'payload_too_large',
          'PDF files are limited to 10 MiB. Split the file and upload the parts.',
        )
      },
    }),
  ] as const,
  // Not `required`: each media type is validated only when it is the one sent (see the handler).
  request: {
    body: {
      content: {
        'application/json': { schema: KbDocumentUpload },
        'multipart/form-data': { schema: KbFileUpload },
      },
    },
  },
  responses: {
    202: jsonBody(KbUploadAccepted, 'Queued'),
    ...problemResponses,
    413: problem('Over 1 MiB of JSON, a PDF over 10 MiB, or a PDF with over 10 million characters of text'),
    415: problem('Neither JSON nor a PDF file'),
    422: problem('A PDF that cannot be read: password-protected, damaged, or without text'),
  },
})

export const registerUploadKbDocument = (app: App) =>
  app.openapi(route, async (c) => {
    const services = c.get('services')
    const tenantId = c.get('tenantId')
    const createdBy = c.get('principal').userId
    // Each body is validated only when sent with its media type; the other reads as `{}`.
    const form = c.req.valid('form')
    if ('file' in form) return c.json(await submitKbFile(services, tenantId, { upload: form, createdBy }), 202)
    const json = c.req.valid('json')
    if (!('content' in json))
      throw new ProblemError(
        'validation_failed',
        'Send the document as JSON (`key`, `content`, `format`) or a PDF as multipart/form-data (`file`).',
      )
    return c.json(await submitKbDocument(services, tenantId, { upload: json, createdBy }), 202)
  })
