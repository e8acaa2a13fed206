import { createRoute } from '@hono/zod-openapi'
import { PersonaList } from '../../../contract/nlp.ts'
import { DEFAULT_PERSONAS, PERSONA_IDS } from '../../../core/nlp/assistant/personas.ts'
import type { App } from '../../app-env.ts'
import { bearerSecurity, jsonBody, problemResponses } from '../../openapi.ts'

const route = createRoute({
  operationId: 'listPersonas',
  method: 'get',
  path: '/v1/nlp/personas',
  tags: ['nlp'],
  summary: 'The personas a question can be answered for, with the words that route a question to each',
  description: 'The defaults every workspace has; editing them per workspace is planned.',
  security: bearerSecurity,
  responses: { 200: jsonBody(PersonaList), ...problemResponses },
})

export const registerListPersonas = (app: App) =>
  app.openapi(route, (c) =>
    c.json(
      {
        data: PERSONA_IDS.map((id) => ({ ...DEFAULT_PERSONAS[id], vocabulary: [...DEFAULT_PERSONAS[id].vocabulary] })),
      },
      200,
    ),
  )
