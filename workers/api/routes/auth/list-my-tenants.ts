import { createRoute, z } from '@hono/zod-openapi'
import { Role } from '../../../contract/auth.ts'
import { listMyTenants } from '../../../services/sessions/list-my-tenants.ts'
import type { App } from '../../app-env.ts'
import { bearerSecurity, jsonBody, problemResponses } from '../../openapi.ts'
import { userPrincipal } from './user-principal.ts'

const MyTenants = z
  .object({ data: z.array(z.object({ id: z.uuid(), name: z.string(), role: Role, current: z.boolean() })) })
  .openapi('MyTenants')

const route = createRoute({
  operationId: 'listMyTenants',
  method: 'get',
  path: '/v1/me/tenants',
  tags: ['auth'],
  summary: 'Tenants the signed-in user is an active member of',
  security: bearerSecurity,
  responses: { 200: jsonBody(MyTenants), ...problemResponses },
})

export const registerListMyTenants = (app: App) =>
  app.openapi(route, async (c) => {
    const { userId } = userPrincipal(c.get('principal'))
    return c.json(await listMyTenants(c.get('services'), { userId, currentTenantId: c.get('tenantId') }), 200)
  })
