import { createRoute } from '@hono/zod-openapi'
import { KbDocumentList, ListKbDocumentsQuery } from '../../../contract/kb.ts'
import { listKbDocuments } from '../../../services/kb/kb-documents.ts'
import type { App } from '../../app-env.ts'
import { bearerSecurity, jsonBody, problemResponses } from '../../openapi.ts'

const route = createRoute({
  operationId: 'listKbDocuments',
  method: 'get',
  path: '/v1/kb/documents',
  tags: ['kb'],
  summary: 'The knowledge base’s documents, newest first',
  description:
    'Only stored documents: an upload appears once its kb.ingest job has succeeded. Page with `next_cursor`.',
  security: bearerSecurity,
  request: { query: ListKbDocumentsQuery },
  responses: { 200: jsonBody(KbDocumentList), ...problemResponses },
})

export const registerListKbDocuments = (app: App) =>
  app.openapi(route, async (c) =>
    c.json(await listKbDocuments(c.get('services'), c.get('tenantId'), c.req.valid('query')), 200),
  )
