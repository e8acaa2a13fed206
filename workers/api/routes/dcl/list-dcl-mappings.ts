import { createRoute } from '@hono/zod-openapi'
import { ListMappingsQuery, MappingList } from '../../../contract/dcl-mappings.ts'
import { listMappings } from '../../../services/dcl/list-mappings.ts'
import type { App } from '../../app-env.ts'
import { bearerSecurity, jsonBody, problemResponses } from '../../openapi.ts'

const route = createRoute({
  operationId: 'listDclMappings',
  method: 'get',
  path: '/v1/dcl/mappings',
  tags: ['dcl'],
  summary: 'The mapping registry: the newest version of each source-field mapping, newest change first',
  description:
    'Filter by connection, stream, canonical entity or status (`proposed` lists what waits for a decision). Page with `next_cursor`.',
  security: bearerSecurity,
  request: { query: ListMappingsQuery },
  responses: { 200: jsonBody(MappingList), ...problemResponses },
})

export const registerListDclMappings = (app: App) =>
  app.openapi(route, async (c) =>
    c.json(await listMappings(c.get('services'), c.get('tenantId'), c.req.valid('query')), 200),
  )
