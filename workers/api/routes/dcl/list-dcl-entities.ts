import { createRoute } from '@hono/zod-openapi'
import { EntityPage, ListEntitiesQuery } from '../../../contract/dcl.ts'
import { listEntities } from '../../../services/dcl/list-entities.ts'
import type { App } from '../../app-env.ts'
import { bearerSecurity, jsonBody, problemResponses } from '../../openapi.ts'

const route = createRoute({
  operationId: 'listDclEntities',
  method: 'get',
  path: '/v1/dcl/entities',
  tags: ['dcl'],
  summary: 'Unified entities the DCL built from the canonical event stream, newest change first',
  description:
    'Filled while the tenant flag `USE_AAM_AS_SOURCE` is on: every sync then sends its canonical events to the DCL over a queue. Each entity shows its newest version; a redelivered or older event never replaces a newer one.',
  security: bearerSecurity,
  request: { query: ListEntitiesQuery },
  responses: { 200: jsonBody(EntityPage), ...problemResponses },
})

export const registerListDclEntities = (app: App) =>
  app.openapi(route, async (c) =>
    c.json(await listEntities(c.get('services'), c.get('tenantId'), c.req.valid('query')), 200),
  )
