import { createRoute } from '@hono/zod-openapi'
import { PasswordResetConfirmBody } from '../../../contract/auth.ts'
import { confirmPasswordReset } from '../../../services/auth/confirm-password-reset.ts'
import type { App } from '../../app-env.ts'
import { jsonRequest, problemResponses } from '../../openapi.ts'

const route = createRoute({
  operationId: 'confirmPasswordReset',
  method: 'post',
  path: '/v1/auth/password-reset/confirm',
  security: [],
  tags: ['auth'],
  summary: 'Set a new password from an emailed link',
  description:
    'Sets the password, confirms the address (the link proves it) and signs the account out everywhere. Each link works once.',
  request: { body: jsonRequest(PasswordResetConfirmBody) },
  responses: { 204: { description: 'Password changed; sign in with it' }, ...problemResponses },
})

export const registerConfirmPasswordReset = (app: App) =>
  app.openapi(route, async (c) => {
    const { token, password } = c.req.valid('json')
    await confirmPasswordReset(c.get('services'), { token, password })
    return c.body(null, 204)
  })
