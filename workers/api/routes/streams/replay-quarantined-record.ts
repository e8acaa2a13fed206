import { createRoute } from '@hono/zod-openapi'
import { IdParam } from '../../../contract/params.ts'
import { ReplayBody, ReplayResult } from '../../../contract/streams.ts'
import { replayQuarantined } from '../../../services/aam/replay-quarantined.ts'
import type { App } from '../../app-env.ts'
import { requireRole } from '../../middleware/require-role.ts'
import { bearerSecurity, conflictResponse, jsonBody, problemResponses } from '../../openapi.ts'
import { requestActor } from '../../request-actor.ts'

const route = createRoute({
  operationId: 'replayQuarantinedRecord',
  method: 'post',
  path: '/v1/quarantine/{id}/replay',
  tags: ['streams'],
  summary: 'Replay a quarantined record (as it was, or corrected)',
  description:
    'Validates the record as a canonical event again and stores it under the id it would have had, so a replay is never a duplicate; the quarantine entry is then resolved.',
  security: bearerSecurity,
  middleware: [requireRole('member')] as const,
  request: { params: IdParam, body: { required: false, content: { 'application/json': { schema: ReplayBody } } } },
  responses: { 200: jsonBody(ReplayResult), ...problemResponses, ...conflictResponse },
})

export const registerReplayQuarantinedRecord = (app: App) =>
  app.openapi(route, async (c) => {
    const body = c.req.header('content-type')?.includes('json') ? c.req.valid('json') : {}
    const result = await replayQuarantined(c.get('services'), c.get('tenantId'), {
      id: c.req.valid('param').id,
      record: body.record,
      actor: requestActor(c),
    })
    return c.json(result, 200)
  })
