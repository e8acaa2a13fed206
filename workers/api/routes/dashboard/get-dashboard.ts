import { createRoute } from '@hono/zod-openapi'
import { Dashboard, DashboardQuery } from '../../../contract/dashboard.ts'
import { getDashboard } from '../../../services/dashboard/get-dashboard.ts'
import type { App } from '../../app-env.ts'
import { bearerSecurity, jsonBody, problemResponses } from '../../openapi.ts'

const route = createRoute({
  operationId: 'getDashboard',
  method: 'get',
  path: '/v1/dashboard',
  tags: ['dashboard'],
  summary: 'Sync health, jobs and drift over the last days, for the console’s dashboard',
  security: bearerSecurity,
  request: { query: DashboardQuery },
  responses: { 200: jsonBody(Dashboard), ...problemResponses },
})

export const registerGetDashboard = (app: App) =>
  app.openapi(route, async (c) =>
    c.json(await getDashboard(c.get('services'), c.get('tenantId'), c.req.valid('query').days), 200),
  )
