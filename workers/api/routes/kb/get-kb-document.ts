import { createRoute } from '@hono/zod-openapi'
import { KbDocument } from '../../../contract/kb.ts'
import { IdParam } from '../../../contract/params.ts'
import { getKbDocument } from '../../../services/kb/kb-documents.ts'
import type { App } from '../../app-env.ts'
import { bearerSecurity, jsonBody, problemResponses } from '../../openapi.ts'

const route = createRoute({
  operationId: 'getKbDocument',
  method: 'get',
  path: '/v1/kb/documents/{id}',
  tags: ['kb'],
  summary: 'One knowledge-base document: its key, title, metadata and chunk count',
  security: bearerSecurity,
  request: { params: IdParam },
  responses: { 200: jsonBody(KbDocument), ...problemResponses },
})

export const registerGetKbDocument = (app: App) =>
  app.openapi(route, async (c) =>
    c.json(await getKbDocument(c.get('services'), c.get('tenantId'), c.req.valid('param').id), 200),
  )
