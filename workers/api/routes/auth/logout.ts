import { createRoute } from '@hono/zod-openapi'
import { withTenant } from '../../../adapters/db/client.ts'
import { findRefreshToken, revokeFamily } from '../../../adapters/db/refresh-tokens-repo.ts'
import { hashSecret } from '../../../adapters/secrets.ts'
import { LogoutBody } from '../../../contract/auth.ts'
import { REFRESH_PREFIX, tenantOfSecret } from '../../../core/auth/secrets.ts'
import { ProblemError } from '../../../services/problem-error.ts'
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
    const tenantId = c.get('tenantId')
    const body = c.req.header('content-type')?.includes('json') ? c.req.valid('json') : {}
    const services = c.get('services')
    const extra = body.refresh_token && tenantOfSecret(REFRESH_PREFIX, body.refresh_token) === tenantId
    const extraHash = extra && body.refresh_token ? await hashSecret(body.refresh_token) : null
    await withTenant(services.db, tenantId, async (tx) => {
      await revokeFamily(tx, tenantId, principal.sessionId)
      const row = extraHash ? await findRefreshToken(tx, tenantId, extraHash) : null
      if (row && row.userId === principal.userId) await revokeFamily(tx, tenantId, row.familyId)
    })
    return c.body(null, 204)
  })
