import { createRoute } from '@hono/zod-openapi'
import { withTenant } from '../../../adapters/db/client.ts'
import { listMembers } from '../../../adapters/db/tenancy-repo.ts'
import { MemberList } from '../../../contract/auth.ts'
import { presentMember } from '../../../services/users/present-member.ts'
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
  app.openapi(route, async (c) => {
    const tenantId = c.get('tenantId')
    const rows = await withTenant(c.get('services').db, tenantId, (tx) => listMembers(tx, tenantId))
    return c.json({ data: rows.map(presentMember) }, 200)
  })
