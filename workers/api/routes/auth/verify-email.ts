import { createRoute } from '@hono/zod-openapi'
import { recordAudit } from '../../../adapters/db/audit-repo.ts'
import { withScope } from '../../../adapters/db/client.ts'
import { consumeEmailToken, peekEmailToken } from '../../../adapters/db/email-tokens-repo.ts'
import {
  findUserByEmail,
  insertMembership,
  insertTenant,
  insertVerifiedUser,
  proveAddress,
} from '../../../adapters/db/tenancy-repo.ts'
import { hashSecret } from '../../../adapters/secrets.ts'
import { EmailLinkBody, TokenResponse } from '../../../contract/auth.ts'
import { ProblemError } from '../../../services/problem-error.ts'
import type { App } from '../../app-env.ts'
import { conflictResponse, jsonBody, jsonRequest, problemResponses } from '../../openapi.ts'
import { type SessionSubject, storeRefreshToken, tokenResponse } from '../../sessions/issue-session.ts'
import { revokeEverywhere } from '../../sessions/revoke-everywhere.ts'

const route = createRoute({
  operationId: 'verifyEmail',
  method: 'post',
  path: '/v1/auth/verify-email',
  tags: ['auth'],
  summary: 'Open an emailed signup link',
  description:
    'Proves the address, creates the workspace and its owner (and the account, when new) and answers with a session there. Each link works once.',
  request: { body: jsonRequest(EmailLinkBody) },
  responses: { 200: jsonBody(TokenResponse, 'Address proved and signed in'), ...problemResponses, ...conflictResponse },
})

const invalid = () =>
  new ProblemError('invalid_token', 'This link is invalid, already used or expired. Sign up again to get a new one.')

export const registerVerifyEmail = (app: App) =>
  app.openapi(route, async (c) => {
    const { token } = c.req.valid('json')
    const services = c.get('services')
    const tokenHash = await hashSecret(token)
    const link = await withScope(services.db, { tokenHash }, (tx) => peekEmailToken(tx, tokenHash, ['signup']))
    if (!link) throw invalid()
    const { email } = link
    const existing = await withScope(services.db, { loginEmail: email }, (tx) => findUserByEmail(tx, email))
    const tenantId = crypto.randomUUID()
    const scope = { tokenHash, loginEmail: email, tenantId, ...(existing ? { userId: existing.id } : {}) }

    const outcome = await withScope(services.db, scope, async (tx) => {
      if (!(await consumeEmailToken(tx, tokenHash, ['signup']))) return null
      // A proved account keeps its password; otherwise the one chosen with this link becomes it.
      const newPassword = existing?.emailVerifiedAt ? null : (link.data.password_hash ?? null)
      const user = existing ?? (await insertVerifiedUser(tx, email, newPassword as string))
      if (existing) await proveAddress(tx, existing.id, newPassword)
      const tenant = await insertTenant(tx, tenantId, link.data.tenant_name ?? 'My workspace')
      await insertMembership(tx, tenantId, user.id, 'owner')
      await recordAudit(tx, tenantId, {
        actorType: 'user',
        actorId: user.id,
        action: 'tenant.created',
        targetType: 'tenant',
        targetId: tenantId,
        requestId: c.get('requestId'),
      })
      const subject: SessionSubject = { userId: user.id, email, tenantId, tenantName: tenant.name, role: 'owner' }
      return { subject, session: await storeRefreshToken(tx, services, subject) }
    })
    if (!outcome) throw invalid()
    // Whoever registered an address they could not prove may still hold sessions of that account.
    if (existing && !existing.emailVerifiedAt) await revokeEverywhere(services, existing.id, { except: tenantId })
    return c.json(await tokenResponse(services, outcome.subject, outcome.session), 200)
  })
