import { createRoute } from '@hono/zod-openapi'
import { withScope } from '../../../adapters/db/client.ts'
import { consumeEmailToken, peekEmailToken } from '../../../adapters/db/email-tokens-repo.ts'
import { proveAddress } from '../../../adapters/db/tenancy-repo.ts'
import { hashPassword } from '../../../adapters/passwords.ts'
import { hashSecret } from '../../../adapters/secrets.ts'
import { PasswordResetConfirmBody } from '../../../contract/auth.ts'
import { ProblemError } from '../../../services/problem-error.ts'
import type { App } from '../../app-env.ts'
import { jsonRequest, problemResponses } from '../../openapi.ts'
import { assertStrongPassword } from '../../sessions/password-rules.ts'
import { revokeEverywhere } from '../../sessions/revoke-everywhere.ts'

const route = createRoute({
  operationId: 'confirmPasswordReset',
  method: 'post',
  path: '/v1/auth/password-reset/confirm',
  tags: ['auth'],
  summary: 'Set a new password from an emailed link',
  description:
    'Sets the password, confirms the address (the link proves it) and signs the account out everywhere. Each link works once.',
  request: { body: jsonRequest(PasswordResetConfirmBody) },
  responses: { 204: { description: 'Password changed; sign in with it' }, ...problemResponses },
})

const invalid = () =>
  new ProblemError(
    'invalid_token',
    'This link is invalid, already used or expired. Ask for a new one from the sign-in page.',
  )

export const registerConfirmPasswordReset = (app: App) =>
  app.openapi(route, async (c) => {
    const { token, password } = c.req.valid('json')
    const services = c.get('services')
    const tokenHash = await hashSecret(token)
    const link = await withScope(services.db, { tokenHash }, (tx) => peekEmailToken(tx, tokenHash, ['password_reset']))
    if (!link?.userId) throw invalid()
    assertStrongPassword(password, [link.email])
    const passwordHash = await hashPassword(password)
    const userId = link.userId
    const changed = await withScope(services.db, { tokenHash, userId }, async (tx) => {
      if (!(await consumeEmailToken(tx, tokenHash, ['password_reset']))) return false
      await proveAddress(tx, userId, passwordHash)
      return true
    })
    if (!changed) throw invalid()
    await revokeEverywhere(services, userId)
    return c.body(null, 204)
  })
