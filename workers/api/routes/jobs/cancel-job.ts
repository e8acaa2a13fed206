import { createRoute } from '@hono/zod-openapi'
import { Job } from '../../../contract/jobs.ts'
import { IdParam } from '../../../contract/params.ts'
import { cancelJob } from '../../../services/jobs/cancel-job.ts'
import type { App } from '../../app-env.ts'
import { requireRole } from '../../middleware/require-role.ts'
import { bearerSecurity, conflictResponse, jsonBody, problemResponses } from '../../openapi.ts'

const route = createRoute({
  operationId: 'cancelJob',
  method: 'post',
  path: '/v1/jobs/{id}/cancel',
  tags: ['jobs'],
  summary: 'Cancel a job',
  description:
    'A queued or retry-waiting job is cancelled at once (200, status `cancelled`). A running job is asked to stop (202, `cancel_requested_at` set); its handler stops at the next step.',
  security: bearerSecurity,
  middleware: [requireRole('member')] as const,
  request: { params: IdParam },
  responses: {
    200: jsonBody(Job, 'Cancelled'),
    202: jsonBody(Job, 'Cancellation requested'),
    ...problemResponses,
    ...conflictResponse,
  },
})

export const registerCancelJob = (app: App) =>
  app.openapi(route, async (c) => {
    const { outcome, job } = await cancelJob(c.get('services'), c.get('tenantId'), c.req.valid('param').id)
    return outcome === 'cancelled' ? c.json(job, 200) : c.json(job, 202)
  })
