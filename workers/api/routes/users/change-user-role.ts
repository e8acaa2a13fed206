import { createRoute } from '@hono/zod-openapi'
import { Member, UpdateMemberBody } from '../../../contract/auth.ts'
import { IdParam } from '../../../contract/params.ts'
import { changeUserRole } from '../../../services/users/change-user-role.ts'
import type { App } from '../../app-env.ts'
import { requireRole } from '../../middleware/require-role.ts'
import { bearerSecurity, conflictResponse, jsonBody, jsonRequest, problemResponses } from '../../openapi.ts'

const route = createRoute({
  operationId: 'changeUserRole',
  method: 'patch',
  path: '/v1/users/{id}',
  tags: ['users'],
  summary: 'Change a member’s role',
  description:
    'The member’s access tokens issued before the change stop working at once; a refresh gives them one with the new role.',
  security: bearerSecurity,
  middleware: [requireRole('admin')] as const,
  request: { params: IdParam, body: jsonRequest(UpdateMemberBody) },
  responses: { 200: jsonBody(Member), ...problemResponses, ...conflictResponse },
})

export const registerChangeUserRole = (app: App) =>
  app.openapi(route, async (c) => {
    const { id } = c.req.valid('param')
    const { role } = c.req.valid('json')
    const member = await changeUserRole(c.get('services'), c.get('tenantId'), {
      userId: id,
      role,
      principal: c.get('principal'),
      requestId: c.get('requestId'),
    })
    return c.json(member, 200)
  })
