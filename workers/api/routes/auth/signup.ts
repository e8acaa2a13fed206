import { createRoute } from '@hono/zod-openapi'
import { recordAudit } from '../../../adapters/db/audit-repo.ts'
import { withScope } from '../../../adapters/db/client.ts'
import { findUserByEmail, insertMembership, insertTenant, insertUser } from '../../../adapters/db/tenancy-repo.ts'
import { hashPassword, verifyPassword } from '../../../adapters/passwords.ts'
import { SignupBody, TokenResponse } from '../../../core/auth/schema.ts'
import type { App } from '../../app-env.ts'
import { ApiError } from '../../errors.ts'
import { conflictResponse, jsonBody, jsonRequest, problemResponses } from '../../openapi.ts'
import { storeRefreshToken, tokenResponse } from '../../sessions/issue-session.ts'
import { clientIp, limitAttempts } from '../../sessions/rate-limit.ts'

const route = createRoute({
  method: 'post',
  path: '/v1/auth/signup',
  tags: ['auth'],
  summary: 'Create a tenant and its owner',
  description:
    'Creates a tenant owned by this user. An existing user (same email and password) gets an additional tenant.',
  request: { body: jsonRequest(SignupBody) },
  responses: { 201: jsonBody(TokenResponse, 'Tenant and owner created'), ...problemResponses, ...conflictResponse },
})

export const registerSignup = (app: App) =>
  app.openapi(route, async (c) => {
    const { email, password, tenant_name } = c.req.valid('json')
    const services = c.get('services')
    await limitAttempts(
      services,
      'signup',
      email,
      clientIp((h) => c.req.header(h), services.config.TRUST_CLIENT_IP_HEADER),
    )

    const existing = await withScope(services.db, { loginEmail: email }, (tx) => findUserByEmail(tx, email))
    if (existing && !(await verifyPassword(password, existing.passwordHash))) {
      throw new ApiError('conflict', 'An account with this email already exists. Log in with POST /v1/auth/login.')
    }
    // Hash outside the transaction: PGlite and small pools block others while one is open.
    const passwordHash = existing ? null : await hashPassword(password)
    const tenantId = crypto.randomUUID()

    const { subject, session } = await withScope(services.db, { tenantId, loginEmail: email }, async (tx) => {
      const tenant = await insertTenant(tx, tenantId, tenant_name)
      const user = existing ?? (await insertUser(tx, email, passwordHash as string))
      await insertMembership(tx, tenantId, user.id, 'owner')
      await recordAudit(tx, tenantId, {
        actorType: 'user',
        actorId: user.id,
        action: 'tenant.created',
        targetType: 'tenant',
        targetId: tenantId,
        requestId: c.get('requestId'),
      })
      const subject = { userId: user.id, email, tenantId, tenantName: tenant.name, role: 'owner' as const }
      return { subject, session: await storeRefreshToken(tx, services, subject) }
    })
    return c.json(await tokenResponse(services, subject, session), 201)
  })
