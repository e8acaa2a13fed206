import { createRoute, z } from '@hono/zod-openapi'
import { TokenResponse } from '../../../contract/auth.ts'
import { switchTenant } from '../../../services/sessions/switch-tenant.ts'
import type { App } from '../../app-env.ts'
import { bearerSecurity, jsonBody, jsonRequest, problemResponses } from '../../openapi.ts'
import { userPrincipal } from './user-principal.ts'

const route = createRoute({
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

export const registerSwitchTenant = (app: App) =>
  app.openapi(route, async (c) => {
    const { userId, email } = userPrincipal(c.get('principal'))
    const { tenant_id } = c.req.valid('json')
    return c.json(await switchTenant(c.get('services'), { userId, email, tenantId: tenant_id }), 200)
  })
