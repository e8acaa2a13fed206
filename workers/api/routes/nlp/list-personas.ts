import { createRoute } from '@hono/zod-openapi'
import { PersonaList } from '../../../contract/nlp.ts'
import { listPersonas } from '../../../services/nlp/personas.ts'
import type { App } from '../../app-env.ts'
import { bearerSecurity, jsonBody, problemResponses } from '../../openapi.ts'

const route = createRoute({
  operationId: 'listPersonas',
  method: 'get',
  path: '/v1/nlp/personas',
  tags: ['nlp'],
  summary: 'The personas a question can be answered for, as this workspace has them',
  description:
    'The defaults with this workspace’s edits applied (`customised` says which were edited): system prompt, tools, retrieval filter, and the words that route a question to each.',
  security: bearerSecurity,
  responses: { 200: jsonBody(PersonaList), ...problemResponses },
})

export const registerListPersonas = (app: App) =>
  app.openapi(route, async (c) => c.json(await listPersonas(c.get('services'), c.get('tenantId')), 200))
