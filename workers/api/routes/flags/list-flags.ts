import { createRoute } from '@hono/zod-openapi'
import { FlagList } from '../../../contract/flags.ts'
import { readFlags } from '../../../services/flags/read-flags.ts'
import type { App } from '../../app-env.ts'
import { bearerSecurity, jsonBody, problemResponses } from '../../openapi.ts'

const route = createRoute({
  operationId: 'listFlags',
  method: 'get',
  path: '/v1/flags',
  tags: ['flags'],
  summary: 'Feature flags with their effective values for this tenant',
  security: bearerSecurity,
  responses: { 200: jsonBody(FlagList), ...problemResponses },
})

export const registerListFlags = (app: App) =>
  app.openapi(route, async (c) => c.json({ data: await readFlags(c.get('services'), c.get('tenantId')) }, 200))
