import { createRoute } from '@hono/zod-openapi'
import { withScope } from '../../../adapters/db/client.ts'
import { findUserByEmail } from '../../../adapters/db/tenancy-repo.ts'
import { hashPassword, verifyPassword } from '../../../adapters/passwords.ts'
import { LinkSent, SignupBody } from '../../../contract/auth.ts'
import { accountExistsEmail, newWorkspaceEmail, signupEmail } from '../../../core/auth/emails.ts'
import type { App } from '../../app-env.ts'
import { jsonBody, jsonRequest, problemResponses } from '../../openapi.ts'
import { consoleLink, consolePage, issueEmailLink, SIGNUP_LINK_HOURS, sendEmail } from '../../sessions/email-links.ts'
import { assertStrongPassword } from '../../sessions/password-rules.ts'
import { callerIp, limitAttempts } from '../../sessions/rate-limit.ts'

const route = createRoute({
  operationId: 'signup',
  method: 'post',
  path: '/v1/auth/signup',
  tags: ['auth'],
  summary: 'Start a signup: a link to confirm the address is emailed',
  description:
    'Nothing is created until the emailed link is opened (POST /v1/auth/verify-email), which creates the workspace and its owner and signs in. The answer is the same whether or not the address already has an account; an existing account is emailed instead (a new workspace when its password was given, else a note that someone tried).',
  request: { body: jsonRequest(SignupBody) },
  responses: { 202: jsonBody(LinkSent, 'Check the inbox'), ...problemResponses },
})

export const registerSignup = (app: App) =>
  app.openapi(route, async (c) => {
    const { email, password, tenant_name } = c.req.valid('json')
    const services = c.get('services')
    await limitAttempts(services, 'signup', email, callerIp(c))
    assertStrongPassword(password, [email, tenant_name])

    const existing = await withScope(services.db, { loginEmail: email }, (tx) => findUserByEmail(tx, email))
    const ttl = SIGNUP_LINK_HOURS * 3600
    if (existing?.emailVerifiedAt) {
      // Verifying costs what hashing costs, so timing does not tell the two cases apart either.
      if (await verifyPassword(password, existing.passwordHash)) {
        const token = await issueEmailLink(
          services,
          { purpose: 'signup', email, userId: existing.id, data: { tenant_name } },
          ttl,
        )
        await sendEmail(
          services,
          email,
          newWorkspaceEmail(consoleLink(services, '/verify-email', token), tenant_name, SIGNUP_LINK_HOURS),
        )
      } else {
        await sendEmail(services, email, accountExistsEmail(consolePage(services, '/login')))
      }
    } else {
      // A new address, or an account nobody ever proved: the password travels with the link, so only
      // whoever opens it (the address's owner) makes it the account's password.
      const passwordHash = await hashPassword(password)
      const token = await issueEmailLink(
        services,
        { purpose: 'signup', email, userId: existing?.id ?? null, data: { tenant_name, password_hash: passwordHash } },
        ttl,
      )
      await sendEmail(
        services,
        email,
        signupEmail(consoleLink(services, '/verify-email', token), tenant_name, SIGNUP_LINK_HOURS),
      )
    }
    return c.json(
      {
        status: 'link_sent' as const,
        detail: `We sent an email to ${email}. Open its link within ${SIGNUP_LINK_HOURS} hours to finish.`,
      },
      202,
    )
  })
