import { createRoute } from '@hono/zod-openapi'
import { Job } from '../../../contract/jobs.ts'
import { IdParam } from '../../../contract/params.ts'
import { retryJob } from '../../../services/jobs/retry-job.ts'
import type { App } from '../../app-env.ts'
import { requireRole } from '../../middleware/require-role.ts'
import { bearerSecurity, conflictResponse, jsonBody, problemResponses } from '../../openapi.ts'

const route = createRoute({
  operationId: 'retryJob',
  method: 'post',
  path: '/v1/jobs/{id}/retry',
  tags: ['jobs'],
  summary: 'Replay a dead job',
  description:
    'Re-queues a dead job with a fresh attempt budget; the last error stays visible until it runs. A replayed job counts against the workspace’s quota of unfinished jobs like a new one (429 `job-quota-exceeded`).',
  security: bearerSecurity,
  middleware: [requireRole('member')] as const,
  request: { params: IdParam },
  responses: { 202: jsonBody(Job, 'Re-queued'), ...problemResponses, ...conflictResponse },
})

export const registerRetryJob = (app: App) =>
  app.openapi(route, async (c) =>
    c.json(await retryJob(c.get('services'), c.get('tenantId'), c.req.valid('param').id), 202),
  )
