import { createRoute } from '@hono/zod-openapi'
import { Persona, PersonaParam } from '../../../contract/nlp.ts'
import { resetPersona } from '../../../services/nlp/personas.ts'
import type { App } from '../../app-env.ts'
import { requireRole } from '../../middleware/require-role.ts'
import { bearerSecurity, jsonBody, problemResponses } from '../../openapi.ts'
import { requestActor } from '../../request-actor.ts'

const route = createRoute({
  operationId: 'resetPersona',
  method: 'delete',
  path: '/v1/nlp/personas/{persona}',
  tags: ['nlp'],
  summary: 'Restore a persona’s defaults in this workspace',
  description: 'Answers the default persona; 404 when this workspace had not edited it. Audited as `persona.reset`.',
  security: bearerSecurity,
  middleware: [requireRole('admin')] as const,
  request: { params: PersonaParam },
  responses: { 200: jsonBody(Persona), ...problemResponses },
})

export const registerResetPersona = (app: App) =>
  app.openapi(route, async (c) =>
    c.json(
      await resetPersona(c.get('services'), c.get('tenantId'), c.req.valid('param').persona, requestActor(c)),
      200,
    ),
  )
