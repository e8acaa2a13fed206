import { createRoute } from '@hono/zod-openapi'
import { PersonaBriefing, PersonaParam } from '../../../contract/nlp.ts'
import { briefPersona } from '../../../services/nlp/persona-briefing.ts'
import type { App } from '../../app-env.ts'
import { bearerSecurity, jsonBody, problemResponses } from '../../openapi.ts'

const route = createRoute({
  operationId: 'getPersonaBriefing',
  method: 'get',
  path: '/v1/nlp/personas/{persona}/summary',
  tags: ['nlp'],
  summary: 'A persona’s briefing, counted now from this workspace’s syncs, jobs, drift, quarantine and LLM spend',
  description: 'Each point names where its figures come from. Nothing is generated: the points are counts, in words.',
  security: bearerSecurity,
  request: { params: PersonaParam },
  responses: { 200: jsonBody(PersonaBriefing), ...problemResponses },
})

export const registerGetPersonaBriefing = (app: App) =>
  app.openapi(route, async (c) =>
    c.json(await briefPersona(c.get('services'), c.get('tenantId'), c.req.valid('param').persona), 200),
  )
