import { createRoute } from '@hono/zod-openapi'
import { MappingVersionList } from '../../../contract/dcl-mappings.ts'
import { IdParam } from '../../../contract/params.ts'
import { listMappingVersions } from '../../../services/dcl/list-mapping-versions.ts'
import type { App } from '../../app-env.ts'
import { bearerSecurity, jsonBody, problemResponses } from '../../openapi.ts'

const route = createRoute({
  operationId: 'listDclMappingVersions',
  method: 'get',
  path: '/v1/dcl/mappings/{id}/versions',
  tags: ['dcl'],
  summary: 'Every version of the mapping a version belongs to, newest first (who, when, where from)',
  security: bearerSecurity,
  request: { params: IdParam },
  responses: { 200: jsonBody(MappingVersionList), ...problemResponses },
})

export const registerListDclMappingVersions = (app: App) =>
  app.openapi(route, async (c) =>
    c.json(await listMappingVersions(c.get('services'), c.get('tenantId'), c.req.valid('param').id), 200),
  )
