import { createRoute } from '@hono/zod-openapi'
import { StreamDriftParams } from '../../../contract/params.ts'
import { DriftDecisionBody, DriftDecisionResult } from '../../../contract/streams.ts'
import { acceptDrift, type DriftDecision, rejectDrift } from '../../../services/aam/decide-drift.ts'
import type { App } from '../../app-env.ts'
import { requireRole } from '../../middleware/require-role.ts'
import { bearerSecurity, conflictResponse, jsonBody, problemResponses } from '../../openapi.ts'
import { requestActor } from '../../request-actor.ts'

const DECISIONS = {
  accept: {
    decide: acceptDrift,
    summary: 'Accept breaking drift held for review: the stream adopts the new schema and stores its held records',
  },
  reject: {
    decide: rejectDrift,
    summary: 'Reject breaking drift held for review: the schema stays and the held records are quarantined',
  },
} satisfies Record<DriftDecision, unknown>

/** Accept and reject are one operation shape on two paths; each has its own file that names it. */
export function registerDriftDecision(app: App, decision: DriftDecision) {
  const { decide, summary } = DECISIONS[decision]
  const route = createRoute({
    operationId: `${decision}StreamDrift`,
    method: 'post',
    path: `/v1/streams/{id}/drift/{drift_id}/${decision}`,
    tags: ['streams'],
    summary,
    description:
      'Decides a drift whose `review.status` is `pending` (breaking drift under policy `propagate`), recording who decided, when and the comment (audited), and queues the connection sync that applies it: held records are released in the order they were read. A decision is final: deciding again answers 409 `already-decided`; a drift that needed no review answers 409 `conflict`.',
    security: bearerSecurity,
    middleware: [requireRole('member')] as const,
    request: {
      params: StreamDriftParams,
      body: { required: false, content: { 'application/json': { schema: DriftDecisionBody } } },
    },
    responses: { 200: jsonBody(DriftDecisionResult), ...problemResponses, ...conflictResponse },
  })
  app.openapi(route, async (c) => {
    const body = c.req.header('content-type')?.includes('json') ? c.req.valid('json') : {}
    const { id, drift_id } = c.req.valid('param')
    const result = await decide(c.get('services'), c.get('tenantId'), {
      streamId: id,
      driftId: drift_id,
      comment: body.comment,
      actor: requestActor(c),
      userId: c.get('principal').userId,
    })
    return c.json(result, 200)
  })
}
