import { createRoute } from '@hono/zod-openapi'
import { Automation, AutomationPatch } from '../../../contract/repairs.ts'
import { updateAutomation } from '../../../services/repair/automation.ts'
import type { App } from '../../app-env.ts'
import { jsonBody, jsonRequest, problemResponses } from '../../openapi.ts'
import { requestActor } from '../../request-actor.ts'
import { admin } from '../settings/admin-route.ts'

const route = createRoute({
  ...admin,
  operationId: 'putAutomation',
  method: 'put',
  path: '/v1/settings/automation',
  summary: 'Leave or enter Safe Mode, or change the repair threshold (admins; audited)',
  description:
    'While Safe Mode is on, for the workspace or for a connection (PUT /v1/connections/{id}/safe-mode), nothing is applied without a person’s approval, however sure. Fields left out keep their value.',
  request: { body: jsonRequest(AutomationPatch) },
  responses: { 200: jsonBody(Automation), ...problemResponses },
})

export const registerPutAutomation = (app: App) =>
  app.openapi(route, async (c) => {
    const body = c.req.valid('json')
    const automation = await updateAutomation(c.get('services'), c.get('tenantId'), {
      ...(body.safe_mode !== undefined ? { safe_mode: body.safe_mode } : {}),
      ...(body.repair_threshold !== undefined ? { repair_threshold: body.repair_threshold } : {}),
      actor: requestActor(c),
      userId: c.get('principal').userId,
    })
    return c.json(automation, 200)
  })
