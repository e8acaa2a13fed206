import { createRoute } from '@hono/zod-openapi'
import { withTenant } from '../../../adapters/db/client.ts'
import { findJob, transitionJob } from '../../../adapters/db/jobs-repo.ts'
import { IdParam } from '../../../contract/params.ts'
import { cancelDecision } from '../../../core/jobs/lifecycle.ts'
import { Job } from '../../../core/jobs/schema.ts'
import { publishJobEvent } from '../../../services/jobs/job-events.ts'
import { ProblemError } from '../../../services/problem-error.ts'
import type { App } from '../../app-env.ts'
import { requireRole } from '../../middleware/require-role.ts'
import { bearerSecurity, conflictResponse, jsonBody, problemResponses } from '../../openapi.ts'
import { presentJob } from './present.ts'

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
    const { id } = c.req.valid('param')
    const tenantId = c.get('tenantId')
    const { db, env } = c.get('services')
    const result = await withTenant(db, tenantId, async (tx) => {
      const job = await findJob(tx, tenantId, id)
      if (!job) return { kind: 'missing' as const }
      const decision = cancelDecision(job.status)
      if (decision === 'already_final') return { kind: 'final' as const, job }
      if (decision === 'request_cancel') {
        const row = await transitionJob(tx, tenantId, id, ['running'], { cancelRequestedAt: new Date() })
        return { kind: 'requested' as const, job: row ?? job }
      }
      const row = await transitionJob(tx, tenantId, id, ['queued', 'failed'], {
        status: 'cancelled',
        cancelRequestedAt: new Date(),
        finishedAt: new Date(),
      })
      return row ? { kind: 'cancelled' as const, job: row } : { kind: 'final' as const, job }
    })
    if (result.kind === 'missing') throw new ProblemError('not_found', `No job ${id} in this tenant.`)
    if (result.kind === 'final') {
      throw new ProblemError('conflict', `Job ${id} is already ${result.job.status}; there is nothing to cancel.`)
    }
    if (result.kind === 'cancelled') {
      await publishJobEvent(env, 'aos.job.cancelled', result.job)
      return c.json(presentJob(result.job), 200)
    }
    return c.json(presentJob(result.job), 202)
  })
