import { createRoute } from '@hono/zod-openapi'
import { MappingDecisionBody, MappingVersion } from '../../../contract/dcl-mappings.ts'
import { IdParam } from '../../../contract/params.ts'
import { acceptMapping } from '../../../services/dcl/decide-mapping.ts'
import type { App } from '../../app-env.ts'
import { requireRole } from '../../middleware/require-role.ts'
import { bearerSecurity, conflictResponse, jsonBody, problemResponses } from '../../openapi.ts'
import { requestActor } from '../../request-actor.ts'

const route = createRoute({
  operationId: 'acceptDclMapping',
  method: 'post',
  path: '/v1/dcl/mappings/{id}/accept',
  tags: ['dcl'],
  summary: 'Accept a mapping version: the DCL may use it',
  description:
    'Decides on the version named: if a newer version exists the answer is 409, naming it. The decision is a new version with its comment, audited.',
  security: bearerSecurity,
  middleware: [requireRole('member')] as const,
  request: {
    params: IdParam,
    body: { required: false, content: { 'application/json': { schema: MappingDecisionBody } } },
  },
  responses: { 200: jsonBody(MappingVersion), ...problemResponses, ...conflictResponse },
})

export const registerAcceptDclMapping = (app: App) =>
  app.openapi(route, async (c) => {
    const body = c.req.header('content-type')?.includes('json') ? c.req.valid('json') : {}
    const mapping = await acceptMapping(c.get('services'), c.get('tenantId'), {
      id: c.req.valid('param').id,
      comment: body.comment,
      actor: requestActor(c),
    })
    return c.json(mapping, 200)
  })
