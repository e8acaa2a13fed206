import { createRoute } from '@hono/zod-openapi'
import { IdParam } from '../../../contract/params.ts'
import { removeKbDocument } from '../../../services/kb/kb-documents.ts'
import type { App } from '../../app-env.ts'
import { requireRole } from '../../middleware/require-role.ts'
import { bearerSecurity, problemResponses } from '../../openapi.ts'

const route = createRoute({
  operationId: 'deleteKbDocument',
  method: 'delete',
  path: '/v1/kb/documents/{id}',
  tags: ['kb'],
  summary: 'Delete a knowledge-base document and its chunks: no search returns them afterwards',
  security: bearerSecurity,
  middleware: [requireRole('member')] as const,
  request: { params: IdParam },
  responses: { 204: { description: 'Deleted' }, ...problemResponses },
})

export const registerDeleteKbDocument = (app: App) =>
  app.openapi(route, async (c) => {
    await removeKbDocument(c.get('services'), c.get('tenantId'), c.req.valid('param').id)
    return c.body(null, 204)
  })
