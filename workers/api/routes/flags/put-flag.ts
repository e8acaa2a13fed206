import { createRoute } from '@hono/zod-openapi'
import { Flag, FlagParam, PutFlagBody } from '../../../contract/flags.ts'
import { setTenantFlag } from '../../../services/flags/set-flag.ts'
import type { App } from '../../app-env.ts'
import { requireRole } from '../../middleware/require-role.ts'
import { bearerSecurity, jsonBody, jsonRequest, problemResponses } from '../../openapi.ts'
import { requestActor } from '../../request-actor.ts'

const route = createRoute({
  operationId: 'putFlag',
  method: 'put',
  path: '/v1/flags/{name}',
  tags: ['flags'],
  summary: 'Override a flag for this tenant (or clear the override with null)',
  description: 'Broadcasts `aos.flag.changed` to the tenant’s live clients.',
  security: bearerSecurity,
  middleware: [requireRole('admin')] as const,
  request: { params: FlagParam, body: jsonRequest(PutFlagBody) },
  responses: { 200: jsonBody(Flag), ...problemResponses },
})

export const registerPutFlag = (app: App) =>
  app.openapi(route, async (c) => {
    const flag = await setTenantFlag(c.get('services'), c.get('tenantId'), {
      name: c.req.valid('param').name,
      value: c.req.valid('json').value,
      actor: requestActor(c),
    })
    return c.json(flag, 200)
  })
