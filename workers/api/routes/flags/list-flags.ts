import { createRoute } from '@hono/zod-openapi'
import { readFlags } from '../../../adapters/flags.ts'
import { FlagList } from '../../../core/flags/registry.ts'
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
  app.openapi(route, async (c) => c.json({ data: await readFlags(c.get('services').redis, c.get('tenantId')) }, 200))
