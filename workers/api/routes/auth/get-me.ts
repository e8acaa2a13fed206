import { createRoute } from '@hono/zod-openapi'
import { Me } from '../../../contract/auth.ts'
import { getMe } from '../../../services/auth/get-me.ts'
import type { App } from '../../app-env.ts'
import { bearerSecurity, jsonBody, problemResponses } from '../../openapi.ts'

const route = createRoute({
  operationId: 'getMe',
  method: 'get',
  path: '/v1/me',
  tags: ['auth'],
  summary: 'Who am I',
  description:
    'For an access token the answer comes from its signed claims (no database round trip); for an API key, from the key’s creator and tenant.',
  security: bearerSecurity,
  responses: { 200: jsonBody(Me), ...problemResponses },
})

export const registerGetMe = (app: App) =>
  app.openapi(route, async (c) => c.json(await getMe(c.get('services'), c.get('tenantId'), c.get('principal')), 200))
