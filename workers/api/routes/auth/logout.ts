import { createRoute } from '@hono/zod-openapi'
import { LogoutBody } from '../../../contract/auth.ts'
import { ProblemError } from '../../../services/problem-error.ts'
import { logOut } from '../../../services/sessions/log-out.ts'
import type { App } from '../../app-env.ts'
import { bearerSecurity, problemResponses } from '../../openapi.ts'

const route = createRoute({
  operationId: 'logout',
  method: 'post',
  path: '/v1/auth/logout',
  tags: ['auth'],
  summary: 'Sign out this session',
  description:
    'Revokes the refresh-token family of the access token used (and of `refresh_token`, if given). Access tokens already issued expire on their own within minutes.',
  security: bearerSecurity,
  request: { body: { required: false, content: { 'application/json': { schema: LogoutBody } } } },
  responses: { 204: { description: 'Signed out' }, ...problemResponses },
})

export const registerLogout = (app: App) =>
  app.openapi(route, async (c) => {
    const principal = c.get('principal')
    if (principal.kind !== 'user') {
      throw new ProblemError('bad_request', 'API keys have no session. Revoke the key with DELETE /v1/api-keys/{id}.')
    }
    const body = c.req.header('content-type')?.includes('json') ? c.req.valid('json') : {}
    await logOut(c.get('services'), c.get('tenantId'), {
      userId: principal.userId,
      sessionId: principal.sessionId,
      refreshToken: body.refresh_token,
    })
    return c.body(null, 204)
  })
