import { createRoute } from '@hono/zod-openapi'
import { LinkSent, PasswordResetBody } from '../../../contract/auth.ts'
import { RESET_LINK_MINUTES } from '../../../services/auth/email-links.ts'
import { requestPasswordReset } from '../../../services/auth/request-password-reset.ts'
import type { App } from '../../app-env.ts'
import { callerIp } from '../../client-ip.ts'
import { jsonBody, jsonRequest, problemResponses } from '../../openapi.ts'

const route = createRoute({
  operationId: 'requestPasswordReset',
  method: 'post',
  path: '/v1/auth/password-reset',
  security: [],
  tags: ['auth'],
  summary: 'Email a password-reset link',
  description:
    'When the address has an account, emails a single-use link (POST /v1/auth/password-reset/confirm). The answer is the same either way.',
  request: { body: jsonRequest(PasswordResetBody) },
  responses: { 202: jsonBody(LinkSent, 'Check the inbox'), ...problemResponses },
})

export const registerRequestPasswordReset = (app: App) =>
  app.openapi(route, async (c) => {
    const { email } = c.req.valid('json')
    await requestPasswordReset(c.get('services'), { email, ip: callerIp(c) })
    return c.json(
      {
        status: 'link_sent' as const,
        detail: `If ${email} has an account, we sent it a link. It works once, for ${RESET_LINK_MINUTES} minutes.`,
      },
      202,
    )
  })
