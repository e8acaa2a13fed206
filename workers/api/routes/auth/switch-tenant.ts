import { createRoute, z } from '@hono/zod-openapi'
import { Role, TokenResponse } from '../../../contract/auth.ts'
import type { Principal } from '../../../services/auth/principal.ts'
import { ProblemError } from '../../../services/problem-error.ts'
import { listMyTenants } from '../../../services/sessions/list-my-tenants.ts'
import { switchTenant } from '../../../services/sessions/switch-tenant.ts'
import type { App } from '../../app-env.ts'
import { bearerSecurity, jsonBody, jsonRequest, problemResponses } from '../../openapi.ts'

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
    return c.json(await listMyTenants(c.get('services'), { userId, currentTenantId: c.get('tenantId') }), 200)
  })
  app.openapi(switchRoute, async (c) => {
    const { userId, email } = userPrincipal(c.get('principal'))
    const { tenant_id } = c.req.valid('json')
    return c.json(await switchTenant(c.get('services'), { userId, email, tenantId: tenant_id }), 200)
  })
}
