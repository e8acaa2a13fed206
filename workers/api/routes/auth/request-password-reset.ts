import { createRoute } from '@hono/zod-openapi'
import { withScope } from '../../../adapters/db/client.ts'
import { findUserByEmail } from '../../../adapters/db/tenancy-repo.ts'
import { LinkSent, PasswordResetBody } from '../../../contract/auth.ts'
import { passwordResetEmail } from '../../../core/auth/emails.ts'
import type { App } from '../../app-env.ts'
import { jsonBody, jsonRequest, problemResponses } from '../../openapi.ts'
import { emailPasswordLink, RESET_LINK_MINUTES } from '../../sessions/email-links.ts'
import { callerIp, limitAttempts } from '../../sessions/rate-limit.ts'

const route = createRoute({
  operationId: 'requestPasswordReset',
  method: 'post',
  path: '/v1/auth/password-reset',
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
    const services = c.get('services')
    await limitAttempts(services, 'password-reset', email, callerIp(c))
    const user = await withScope(services.db, { loginEmail: email }, (tx) => findUserByEmail(tx, email))
    if (user) await emailPasswordLink(services, user, passwordResetEmail)
    return c.json(
      {
        status: 'link_sent' as const,
        detail: `If ${email} has an account, we sent it a link. It works once, for ${RESET_LINK_MINUTES} minutes.`,
      },
      202,
    )
  })
