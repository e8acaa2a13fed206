import { createRoute, z } from '@hono/zod-openapi'
import { withScope } from '../../../adapters/db/client.ts'
import { activeMembershipsOfUser } from '../../../adapters/db/tenancy-repo.ts'
import { Role, TokenResponse } from '../../../contract/auth.ts'
import { ProblemError } from '../../../services/problem-error.ts'
import type { App, Principal } from '../../app-env.ts'
import { bearerSecurity, jsonBody, jsonRequest, problemResponses } from '../../openapi.ts'
import { storeRefreshToken, tokenResponse } from '../../sessions/issue-session.ts'

const MyTenants = z
  .object({ data: z.array(z.object({ id: z.uuid(), name: z.string(), role: Role, current: z.boolean() })) })
  .openapi('MyTenants')

const listRoute = createRoute({
  operationId: 'listMyTenants',
  method: 'get',
  path: '/v1/me/tenants',
  tags: ['auth'],
  summary: 'Tenants the signed-in user is an active member of',
  security: bearerSecurity,
  responses: { 200: jsonBody(MyTenants), ...problemResponses },
})

const switchRoute = createRoute({
  operationId: 'switchTenant',
  method: 'post',
  path: '/v1/auth/switch-tenant',
  tags: ['auth'],
  summary: 'Get a session in another of your tenants',
  description: 'No password needed: the caller’s access token proves who they are, their membership decides.',
  security: bearerSecurity,
  request: { body: jsonRequest(z.object({ tenant_id: z.uuid() }).openapi('SwitchTenantRequest')) },
  responses: { 200: jsonBody(TokenResponse, 'Signed in to the other tenant'), ...problemResponses },
})

/** Only people (access tokens) have several tenants; an API key belongs to exactly one. */
function userPrincipal(principal: Principal) {
  if (principal.kind !== 'user')
    throw new ProblemError(
      'forbidden',
      'Only a signed-in user can list or switch tenants; API keys belong to one tenant.',
    )
  return principal
}

export const registerSwitchTenant = (app: App) => {
  app.openapi(listRoute, async (c) => {
    const { userId } = userPrincipal(c.get('principal'))
    const rows = await withScope(c.get('services').db, { userId }, (tx) => activeMembershipsOfUser(tx, userId))
    const current = c.get('tenantId')
    return c.json(
      {
        data: rows.map((m) => ({ id: m.tenantId, name: m.tenantName, role: m.role, current: m.tenantId === current })),
      },
      200,
    )
  })
  app.openapi(switchRoute, async (c) => {
    const principal = userPrincipal(c.get('principal'))
    const { userId } = principal
    const { tenant_id } = c.req.valid('json')
    const services = c.get('services')
    const memberships = await withScope(services.db, { userId }, (tx) => activeMembershipsOfUser(tx, userId))
    const chosen = memberships.find((m) => m.tenantId === tenant_id)
    // Same answer for a tenant that does not exist and one you are not in.
    if (!chosen)
      throw new ProblemError(
        'not_found',
        `You are not a member of tenant ${tenant_id}. GET /v1/me/tenants lists yours.`,
      )
    const subject = {
      userId,
      email: principal.email,
      tenantId: chosen.tenantId,
      tenantName: chosen.tenantName,
      role: chosen.role,
    }
    const session = await withScope(services.db, { tenantId: chosen.tenantId }, (tx) =>
      storeRefreshToken(tx, services, subject),
    )
    return c.json(await tokenResponse(services, subject, session), 200)
  })
}
