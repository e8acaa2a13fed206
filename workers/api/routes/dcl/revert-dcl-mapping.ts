import { createRoute } from '@hono/zod-openapi'
import { MappingVersion } from '../../../contract/dcl-mappings.ts'
import { IdParam } from '../../../contract/params.ts'
import { revertMapping } from '../../../services/dcl/revert-mapping.ts'
import type { App } from '../../app-env.ts'
import { requireRole } from '../../middleware/require-role.ts'
import { bearerSecurity, conflictResponse, jsonBody, problemResponses } from '../../openapi.ts'
import { requestActor } from '../../request-actor.ts'

const route = createRoute({
  operationId: 'revertDclMapping',
  method: 'post',
  path: '/v1/dcl/mappings/{id}/revert',
  tags: ['dcl'],
  summary: 'Make an earlier mapping version current again',
  description: 'Adds a new version that copies the one named (provenance `revert`); history is never rewritten.',
  security: bearerSecurity,
  middleware: [requireRole('member')] as const,
  request: { params: IdParam },
  responses: { 201: jsonBody(MappingVersion, 'Reverted, as a new version'), ...problemResponses, ...conflictResponse },
})

export const registerRevertDclMapping = (app: App) =>
  app.openapi(route, async (c) =>
    c.json(
      await revertMapping(c.get('services'), c.get('tenantId'), {
        id: c.req.valid('param').id,
        actor: requestActor(c),
      }),
      201,
    ),
  )
