import { createRoute } from '@hono/zod-openapi'
import { LoginBody, TokenResponse } from '../../../contract/auth.ts'
import { logIn } from '../../../services/auth/log-in.ts'
import type { App } from '../../app-env.ts'
import { callerIp } from '../../client-ip.ts'
import { jsonBody, jsonRequest, problemResponses } from '../../openapi.ts'

const route = createRoute({
  operationId: 'login',
  method: 'post',
  path: '/v1/auth/login',
  security: [],
  tags: ['auth'],
  summary: 'Log in with email and password',
  request: { body: jsonRequest(LoginBody) },
  responses: { 200: jsonBody(TokenResponse, 'Signed in'), ...problemResponses },
})

export const registerLogin = (app: App) =>
  app.openapi(route, async (c) => {
    const { email, password, tenant_id } = c.req.valid('json')
    const tokens = await logIn(c.get('services'), { email, password, tenantId: tenant_id, ip: callerIp(c) })
    return c.json(tokens, 200)
  })
