import { createRoute } from '@hono/zod-openapi'
import { KbDocumentUpload, KbUploadAccepted } from '../../../contract/kb.ts'
import { submitKbDocument } from '../../../services/kb/submit-kb-document.ts'
import type { App } from '../../app-env.ts'
import { requireRole } from '../../middleware/require-role.ts'
import { bearerSecurity, jsonBody, jsonRequest, problemResponses } from '../../openapi.ts'

const route = createRoute({
  operationId: 'uploadKbDocument',
  method: 'post',
  path: '/v1/kb/documents',
  tags: ['kb'],
  summary: 'Add or replace a knowledge-base document (text, Markdown or HTML); a kb.ingest job stores it',
  description:
    'Answers 202 with the job at once. The job chunks the text (with overlap, keeping section headings), embeds the chunks through the LLM gateway and stores them for full-text and vector search. Uploading a key again replaces its chunks; the same content again changes nothing. PDF is planned, not accepted yet.',
  security: bearerSecurity,
  middleware: [requireRole('member')] as const,
  request: { body: jsonRequest(KbDocumentUpload) },
  responses: { 202: jsonBody(KbUploadAccepted, 'Queued'), ...problemResponses },
})

export const registerUploadKbDocument = (app: App) =>
  app.openapi(route, async (c) =>
    c.json(
      await submitKbDocument(c.get('services'), c.get('tenantId'), {
        upload: c.req.valid('json'),
        createdBy: c.get('principal').userId,
      }),
      202,
    ),
  )
