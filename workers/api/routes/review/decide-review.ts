import { createRoute } from '@hono/zod-openapi'
import { ReviewDecisionResults, ReviewDecisionsBody } from '../../../contract/review.ts'
import { decideReview } from '../../../services/review/decide-review.ts'
import type { App } from '../../app-env.ts'
import { requireRole } from '../../middleware/require-role.ts'
import { bearerSecurity, jsonBody, jsonRequest, problemResponses } from '../../openapi.ts'
import { requestActor } from '../../request-actor.ts'

const route = createRoute({
  operationId: 'decideReview',
  method: 'post',
  path: '/v1/review/decisions',
  tags: ['repairs'],
  summary: 'Approve or reject up to 100 review items at once',
  description:
    'Each decision is taken on its own, audited with its comment: one that cannot be taken (decided a moment ago by someone else, not found) is reported with its problem and the others still go through.',
  security: bearerSecurity,
  middleware: [requireRole('member')] as const,
  request: { body: jsonRequest(ReviewDecisionsBody) },
  responses: { 200: jsonBody(ReviewDecisionResults), ...problemResponses },
})

export const registerDecideReview = (app: App) =>
  app.openapi(route, async (c) =>
    c.json(
      await decideReview(c.get('services'), c.get('tenantId'), {
        decisions: c.req.valid('json').decisions,
        actor: requestActor(c),
        userId: c.get('principal').userId,
      }),
      200,
    ),
  )
