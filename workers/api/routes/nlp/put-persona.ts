import { createRoute } from '@hono/zod-openapi'
import { Persona, PersonaParam, PersonaUpdate } from '../../../contract/nlp.ts'
import { updatePersona } from '../../../services/nlp/personas.ts'
import type { App } from '../../app-env.ts'
import { requireRole } from '../../middleware/require-role.ts'
import { bearerSecurity, jsonBody, jsonRequest, problemResponses } from '../../openapi.ts'
import { requestActor } from '../../request-actor.ts'

const route = createRoute({
  operationId: 'putPersona',
  method: 'put',
  path: '/v1/nlp/personas/{persona}',
  tags: ['nlp'],
  summary: 'Edit a persona for this workspace',
  description:
    'Fields given replace the default’s; fields left out keep it. The edit replaces any earlier one; routing and answering use it at once. Audited as `persona.updated`.',
  security: bearerSecurity,
  middleware: [requireRole('admin')] as const,
  request: { params: PersonaParam, body: jsonRequest(PersonaUpdate) },
  responses: { 200: jsonBody(Persona), ...problemResponses },
})

export const registerPutPersona = (app: App) =>
  app.openapi(route, async (c) =>
    c.json(
      await updatePersona(
        c.get('services'),
        c.get('tenantId'),
        c.req.valid('param').persona,
        c.req.valid('json'),
        requestActor(c),
      ),
      200,
    ),
  )
