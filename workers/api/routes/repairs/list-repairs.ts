import { createRoute } from '@hono/zod-openapi'
import { ListRepairsQuery, RepairList } from '../../../contract/repairs.ts'
import { listRepairs } from '../../../services/repair/list-repairs.ts'
import type { App } from '../../app-env.ts'
import { bearerSecurity, jsonBody, problemResponses } from '../../openapi.ts'

const route = createRoute({
  operationId: 'listRepairs',
  method: 'get',
  path: '/v1/repairs',
  tags: ['repairs'],
  summary: 'The repair engine’s proposals for detected drift, newest first',
  description:
    'Each drift change that touches a mapped field gets one repair, with its confidence and evidence. `status=proposed` lists what waits for a person; page with `next_cursor`.',
  security: bearerSecurity,
  request: { query: ListRepairsQuery },
  responses: { 200: jsonBody(RepairList), ...problemResponses },
})

export const registerListRepairs = (app: App) =>
  app.openapi(route, async (c) =>
    c.json(await listRepairs(c.get('services'), c.get('tenantId'), c.req.valid('query')), 200),
  )
