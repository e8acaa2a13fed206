import { createRoute } from '@hono/zod-openapi'
import { MemberList } from '../../../contract/auth.ts'
import { listUsers } from '../../../services/users/list-users.ts'
import type { App } from '../../app-env.ts'
import { requireRole } from '../../middleware/require-role.ts'
import { bearerSecurity, jsonBody, problemResponses } from '../../openapi.ts'

const route = createRoute({
  operationId: 'listUsers',
  method: 'get',
  path: '/v1/users',
  tags: ['users'],
  summary: 'List this tenant’s members',
  security: bearerSecurity,
  middleware: [requireRole('admin')] as const,
  responses: { 200: jsonBody(MemberList), ...problemResponses },
})

export const registerListUsers = (app: App) =>
  app.openapi(route, async (c) => c.json(await listUsers(c.get('services'), c.get('tenantId')), 200))
