import { createRoute } from '@hono/zod-openapi'
import { Automation } from '../../../contract/repairs.ts'
import { getAutomation } from '../../../services/repair/automation.ts'
import type { App } from '../../app-env.ts'
import { bearerSecurity, jsonBody, problemResponses } from '../../openapi.ts'

const route = createRoute({
  operationId: 'getAutomation',
  method: 'get',
  path: '/v1/settings/automation',
  tags: ['settings'],
  summary: 'Safe Mode and the repair threshold of this workspace',
  security: bearerSecurity,
  responses: { 200: jsonBody(Automation), ...problemResponses },
})

export const registerGetAutomation = (app: App) =>
  app.openapi(route, async (c) => c.json(await getAutomation(c.get('services'), c.get('tenantId')), 200))
