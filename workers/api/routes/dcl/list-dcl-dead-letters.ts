import { createRoute } from '@hono/zod-openapi'
import { DeadLetterList } from '../../../contract/dcl.ts'
import { listDeadLetters } from '../../../services/dcl/list-dead-letters.ts'
import type { App } from '../../app-env.ts'
import { bearerSecurity, jsonBody, problemResponses } from '../../openapi.ts'

const route = createRoute({
  operationId: 'listDclDeadLetters',
  method: 'get',
  path: '/v1/dcl/dead-letters',
  tags: ['dcl'],
  summary: 'Canonical event batches the DCL could not apply after every retry',
  security: bearerSecurity,
  responses: { 200: jsonBody(DeadLetterList), ...problemResponses },
})

export const registerListDclDeadLetters = (app: App) =>
  app.openapi(route, async (c) => c.json({ data: await listDeadLetters(c.get('services'), c.get('tenantId')) }, 200))
