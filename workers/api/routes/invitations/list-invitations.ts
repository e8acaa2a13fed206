import { createRoute } from '@hono/zod-openapi'
import { InvitationList } from '../../../contract/auth.ts'
import { listInvitations } from '../../../services/invitations/list-invitations.ts'
import type { App } from '../../app-env.ts'
import { requireRole } from '../../middleware/require-role.ts'
import { bearerSecurity, jsonBody, problemResponses } from '../../openapi.ts'

const route = createRoute({
  operationId: 'listInvitations',
  method: 'get',
  path: '/v1/invitations',
  tags: ['users'],
  summary: 'Invitations not yet accepted (expired ones included)',
  security: bearerSecurity,
  middleware: [requireRole('admin')] as const,
  responses: { 200: jsonBody(InvitationList), ...problemResponses },
})

export const registerListInvitations = (app: App) =>
  app.openapi(route, async (c) => c.json(await listInvitations(c.get('services'), c.get('tenantId')), 200))
