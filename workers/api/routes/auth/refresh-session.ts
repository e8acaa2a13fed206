import { createRoute } from '@hono/zod-openapi'
import { RefreshBody, TokenResponse } from '../../../contract/auth.ts'
import { refreshSession } from '../../../services/sessions/refresh-session.ts'
import type { App } from '../../app-env.ts'
import { jsonBody, jsonRequest, problemResponses } from '../../openapi.ts'

const route = createRoute({
  operationId: 'refreshSession',
  method: 'post',
  path: '/v1/auth/refresh',
  security: [],
  tags: ['auth'],
  summary: 'Rotate a refresh token',
  description:
    'Answers with a new access token and a new refresh token; the old one stops working. Presenting an already-rotated token revokes the whole session family.',
  request: { body: jsonRequest(RefreshBody) },
  responses: { 200: jsonBody(TokenResponse, 'Rotated'), ...problemResponses },
})

export const registerRefreshSession = (app: App) =>
  app.openapi(route, async (c) => {
    const { refresh_token } = c.req.valid('json')
    const tokens = await refreshSession(c.get('services'), {
      refreshToken: refresh_token,
      requestId: c.get('requestId'),
    })
    return c.json(tokens, 200)
  })
