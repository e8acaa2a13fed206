import { createRoute } from '@hono/zod-openapi'
import { SourceFileList } from '../../../contract/connections.ts'
import { IdParam } from '../../../contract/params.ts'
import { PageQuery } from '../../../contract/streams.ts'
import { listConnectionFiles } from '../../../services/aam/list-connection-files.ts'
import type { App } from '../../app-env.ts'
import { bearerSecurity, jsonBody, problemResponses } from '../../openapi.ts'

const route = createRoute({
  operationId: 'listConnectionFiles',
  method: 'get',
  path: '/v1/connections/{id}/files',
  tags: ['connections'],
  summary: 'A FileSource connection’s uploaded files, newest first',
  description:
    'Each file’s status and, once synced, what became of every row read (`rows` = `stored` + `quarantined` + `skipped`); a failed file says why. Page with `next_cursor`.',
  security: bearerSecurity,
  request: { params: IdParam, query: PageQuery(200, 50) },
  responses: { 200: jsonBody(SourceFileList), ...problemResponses },
})

export const registerListConnectionFiles = (app: App) =>
  app.openapi(route, async (c) =>
    c.json(
      await listConnectionFiles(c.get('services'), c.get('tenantId'), c.req.valid('param').id, c.req.valid('query')),
      200,
    ),
  )
