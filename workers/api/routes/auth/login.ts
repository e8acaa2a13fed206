import { createRoute } from '@hono/zod-openapi'
import { withScope } from '../../../adapters/db/client.ts'
import { activeMembershipsOfUser, findUserByEmail } from '../../../adapters/db/tenancy-repo.ts'
import { burnVerify, verifyPassword } from '../../../adapters/passwords.ts'
import { LoginBody, TokenResponse } from '../../../contract/auth.ts'
import { confirmAddressEmail } from '../../../core/auth/emails.ts'
import { ProblemError } from '../../../services/problem-error.ts'
import type { App } from '../../app-env.ts'
import { jsonBody, jsonRequest, problemResponses } from '../../openapi.ts'
import { emailPasswordLink } from '../../sessions/email-links.ts'
import { storeRefreshToken, tokenResponse } from '../../sessions/issue-session.ts'
import { callerIp, limitAttempts } from '../../sessions/rate-limit.ts'

const route = createRoute({
  operationId: 'login',
  method: 'post',
  path: '/v1/auth/login',
  tags: ['auth'],
  summary: 'Log in with email and password',
  request: { body: jsonRequest(LoginBody) },
  responses: { 200: jsonBody(TokenResponse, 'Signed in'), ...problemResponses },
})

/** One message for every failure, so the answer never tells whether an account exists. */
const invalid = () =>
  new ProblemError('invalid_credentials', 'Email, password or tenant is not right. Check them and try again.')

export const registerLogin = (app: App) =>
  app.openapi(route, async (c) => {
    const { email, password, tenant_id } = c.req.valid('json')
    const services = c.get('services')
    await limitAttempts(services, 'login', email, callerIp(c))

    const user = await withScope(services.db, { loginEmail: email }, (tx) => findUserByEmail(tx, email))
    const ok = user ? await verifyPassword(password, user.passwordHash) : await burnVerify(password)
    if (!user || !ok) throw invalid()
    if (!user.emailVerifiedAt) {
      // Only whoever holds the inbox may use an account nobody proved; the link makes them choose a password.
      await emailPasswordLink(services, user, confirmAddressEmail)
      throw new ProblemError(
        'email_unverified',
        'This account’s email address was never confirmed. We emailed it a link: open it, choose a password, then sign in.',
      )
    }

    const subject = await withScope(services.db, { userId: user.id }, async (tx) => {
      const memberships = await activeMembershipsOfUser(tx, user.id)
      const chosen = tenant_id ? memberships.find((m) => m.tenantId === tenant_id) : memberships[0]
      if (!chosen) return null
      const subject = {
        userId: user.id,
        email: user.email,
        tenantId: chosen.tenantId,
        tenantName: chosen.tenantName,
        role: chosen.role,
      }
      return subject
    })
    if (!subject) throw invalid()
    const session = await withScope(services.db, { tenantId: subject.tenantId }, (tx) =>
      storeRefreshToken(tx, services, subject),
    )
    return c.json(await tokenResponse(services, subject, session), 200)
  })
