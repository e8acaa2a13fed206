import { createRoute } from '@hono/zod-openapi'
import { MappingVersion, SaveMappingBody } from '../../../contract/dcl-mappings.ts'
import { saveMapping } from '../../../services/dcl/save-mapping.ts'
import type { App } from '../../app-env.ts'
import { requireRole } from '../../middleware/require-role.ts'
import { bearerSecurity, conflictResponse, jsonBody, jsonRequest, problemResponses } from '../../openapi.ts'
import { requestActor } from '../../request-actor.ts'

const route = createRoute({
  operationId: 'saveDclMapping',
  method: 'post',
  path: '/v1/dcl/mappings',
  tags: ['dcl'],
  summary: 'State a mapping by hand (a new mapping, or an edit as its next version)',
  description:
    'A source field maps to one canonical field. Stating what the newest version already says writes nothing and answers 200; anything else adds a version (201), audited.',
  security: bearerSecurity,
  middleware: [requireRole('member')] as const,
  request: { body: jsonRequest(SaveMappingBody) },
  responses: {
    200: jsonBody(MappingVersion, 'Unchanged: the newest version already says this'),
    201: jsonBody(MappingVersion, 'Saved as a new version'),
    ...problemResponses,
    ...conflictResponse,
  },
})

export const registerSaveDclMapping = (app: App) =>
  app.openapi(route, async (c) => {
    const { mapping, created } = await saveMapping(c.get('services'), c.get('tenantId'), {
      mapping: c.req.valid('json'),
      actor: requestActor(c),
    })
    return created ? c.json(mapping, 201) : c.json(mapping, 200)
  })
