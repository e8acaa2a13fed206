import { createRoute } from '@hono/zod-openapi'
import { ReviewQueue } from '../../../contract/review.ts'
import { listReview } from '../../../services/review/list-review.ts'
import type { App } from '../../app-env.ts'
import { bearerSecurity, jsonBody, problemResponses } from '../../openapi.ts'

const route = createRoute({
  operationId: 'listReview',
  method: 'get',
  path: '/v1/review',
  tags: ['repairs'],
  summary:
    'Everything waiting for a person: held drift, repairs below the threshold or in Safe Mode, mapping suggestions',
  description:
    'Newest first (up to 200 of each type), each with its evidence, the mapping-registry diff approving it writes, and the rows it touches. Decide one at a time on its own route, or many at once with POST /v1/review/decisions.',
  security: bearerSecurity,
  responses: { 200: jsonBody(ReviewQueue), ...problemResponses },
})

export const registerListReview = (app: App) =>
  app.openapi(route, async (c) => c.json(await listReview(c.get('services'), c.get('tenantId')), 200))
