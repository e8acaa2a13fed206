import { createRoute } from '@hono/zod-openapi'
import { IdParam } from '../../../contract/params.ts'
import { Repair, RepairDecisionBody } from '../../../contract/repairs.ts'
import { applyRepair } from '../../../services/repair/apply-repair.ts'
import { rejectRepair, revertRepair } from '../../../services/repair/decide-repair.ts'
import type { App } from '../../app-env.ts'
import { requireRole } from '../../middleware/require-role.ts'
import { bearerSecurity, conflictResponse, jsonBody, problemResponses } from '../../openapi.ts'
import { requestActor } from '../../request-actor.ts'

const DECISIONS = {
  approve: {
    decide: applyRepair,
    summary:
      'Approve a proposed repair (optionally with edited writes): its mappings are written and the view re-derived',
  },
  reject: {
    decide: rejectRepair,
    summary: 'Reject a proposed repair: remembered, so the same repair is less sure next time',
  },
  revert: {
    decide: revertRepair,
    summary: 'Revert an applied repair: its mappings go back to their versions before it and the view is re-derived',
  },
}

/** Approve, reject and revert are one operation shape on three paths; each has its own file that names it. */
export function registerRepairDecision(app: App, decision: keyof typeof DECISIONS) {
  const { decide, summary } = DECISIONS[decision]
  const route = createRoute({
    operationId: `${decision}Repair`,
    method: 'post',
    path: `/v1/repairs/{id}/${decision}`,
    tags: ['repairs'],
    summary,
    description:
      'Audited with who, when and the comment; announced as `aos.repair.applied|rejected|reverted`. Deciding a repair that is not in the state the decision needs answers 409 naming its state.',
    security: bearerSecurity,
    middleware: [requireRole('member')] as const,
    request: {
      params: IdParam,
      body: { required: false, content: { 'application/json': { schema: RepairDecisionBody } } },
    },
    responses: { 200: jsonBody(Repair), ...problemResponses, ...conflictResponse },
  })
  app.openapi(route, async (c) => {
    const body = c.req.header('content-type')?.includes('json') ? c.req.valid('json') : {}
    const repair = await decide(c.get('services'), c.get('tenantId'), {
      id: c.req.valid('param').id,
      comment: body.comment,
      actor: requestActor(c),
      ...(decision === 'approve' ? { writes: body.writes } : {}),
    })
    return c.json(repair, 200)
  })
}
