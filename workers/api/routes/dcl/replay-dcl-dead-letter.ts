import { createRoute } from '@hono/zod-openapi'
import { ReplayAccepted } from '../../../contract/dcl.ts'
import { IdParam } from '../../../contract/params.ts'
import { replayDeadLetter } from '../../../services/dcl/replay-dead-letter.ts'
import type { App } from '../../app-env.ts'
import { requireRole } from '../../middleware/require-role.ts'
import { bearerSecurity, jsonBody, problemResponses } from '../../openapi.ts'

const route = createRoute({
  operationId: 'replayDclDeadLetter',
  method: 'post',
  path: '/v1/dcl/dead-letters/{id}/replay',
  tags: ['dcl'],
  summary: 'Send a dead-lettered batch to the DCL again',
  description: 'Applying is idempotent, so replaying events the DCL already has changes nothing.',
  security: bearerSecurity,
  middleware: [requireRole('member')] as const,
  request: { params: IdParam },
  responses: { 202: jsonBody(ReplayAccepted, 'Queued again'), ...problemResponses },
})

export const registerReplayDclDeadLetter = (app: App) =>
  app.openapi(route, async (c) =>
    c.json(await replayDeadLetter(c.get('services'), c.get('tenantId'), c.req.valid('param').id), 202),
  )
