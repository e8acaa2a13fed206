import { createRoute } from '@hono/zod-openapi'
import { Member } from '../../../contract/auth.ts'
import { IdParam } from '../../../contract/params.ts'
import { deactivateUser } from '../../../services/users/deactivate-user.ts'
import type { App } from '../../app-env.ts'
import { requireRole } from '../../middleware/require-role.ts'
import { bearerSecurity, conflictResponse, jsonBody, problemResponses } from '../../openapi.ts'

const route = createRoute({
  operationId: 'deactivateUser',
  method: 'post',
  path: '/v1/users/{id}/deactivate',
  tags: ['users'],
  summary: 'Deactivate a member',
  description:
    'The member can no longer log in to this tenant; their sessions, access tokens and API keys here stop working at once.',
  security: bearerSecurity,
  middleware: [requireRole('admin')] as const,
  request: { params: IdParam },
  responses: { 200: jsonBody(Member), ...problemResponses, ...conflictResponse },
})

export const registerDeactivateUser = (app: App) =>
  app.openapi(route, async (c) => {
    const { id } = c.req.valid('param')
    const member = await deactivateUser(c.get('services'), c.get('tenantId'), {
      userId: id,
      principal: c.get('principal'),
      requestId: c.get('requestId'),
    })
    return c.json(member, 200)
  })
