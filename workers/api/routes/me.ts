import { createRoute } from '@hono/zod-openapi'
import { withTenant } from '../../adapters/db/client.ts'
import { findMember, findTenant } from '../../adapters/db/tenancy-repo.ts'
import { Me } from '../../contract/auth.ts'
import { ProblemError } from '../../services/problem-error.ts'
import type { App } from '../app-env.ts'
import { bearerSecurity, jsonBody, problemResponses } from '../openapi.ts'

const route = createRoute({
  operationId: 'getMe',
  method: 'get',
  path: '/v1/me',
  tags: ['auth'],
  summary: 'Who am I',
  description:
    'For an access token the answer comes from its signed claims (no database round trip); for an API key, from the key’s creator and tenant.',
  security: bearerSecurity,
  responses: { 200: jsonBody(Me), ...problemResponses },
})

export const registerMe = (app: App) =>
  app.openapi(route, async (c) => {
    const principal = c.get('principal')
    const tenantId = c.get('tenantId')
    if (principal.kind === 'user') {
      return c.json(
        {
          user: { id: principal.userId, email: principal.email },
          tenant: { id: tenantId, name: principal.tenantName },
          role: principal.role,
          auth: 'access_token' as const,
        },
        200,
      )
    }
    const { db } = c.get('services')
    const [member, tenant] = await withTenant(db, tenantId, (tx) =>
      Promise.all([findMember(tx, tenantId, principal.userId), findTenant(tx, tenantId)]),
    )
    if (!member || !tenant)
      throw new ProblemError('not_found', 'The user or tenant behind this API key no longer exists.')
    return c.json(
      {
        user: { id: member.id, email: member.email },
        tenant: { id: tenant.id, name: tenant.name },
        role: principal.role,
        auth: 'api_key' as const,
      },
      200,
    )
  })
