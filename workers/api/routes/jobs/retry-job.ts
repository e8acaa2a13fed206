import { createRoute } from '@hono/zod-openapi'
import { withTenant } from '../../../adapters/db/client.ts'
import { findJob, transitionJob } from '../../../adapters/db/jobs-repo.ts'
import { enqueueJob } from '../../../adapters/job-queues.ts'
import { IdParam } from '../../../contract/params.ts'
import { isJobKind, Job } from '../../../core/jobs/schema.ts'
import { publishJobEvent } from '../../../services/jobs/job-events.ts'
import { ProblemError } from '../../../services/problem-error.ts'
import type { App } from '../../app-env.ts'
import { requireRole } from '../../middleware/require-role.ts'
import { bearerSecurity, conflictResponse, jsonBody, problemResponses } from '../../openapi.ts'
import { presentJob } from './present.ts'

const route = createRoute({
  operationId: 'retryJob',
  method: 'post',
  path: '/v1/jobs/{id}/retry',
  tags: ['jobs'],
  summary: 'Replay a dead job',
  description: 'Re-queues a dead job with a fresh attempt budget; the last error stays visible until it runs.',
  security: bearerSecurity,
  middleware: [requireRole('member')] as const,
  request: { params: IdParam },
  responses: { 202: jsonBody(Job, 'Re-queued'), ...problemResponses, ...conflictResponse },
})

export const registerRetryJob = (app: App) =>
  app.openapi(route, async (c) => {
    const { id } = c.req.valid('param')
    const tenantId = c.get('tenantId')
    const { db, env } = c.get('services')
    const { row, current } = await withTenant(db, tenantId, async (tx) => {
      const current = await findJob(tx, tenantId, id)
      const row =
        current?.status === 'dead'
          ? await transitionJob(tx, tenantId, id, ['dead'], {
              status: 'queued',
              attempts: 0,
              finishedAt: null,
              nextRunAt: null,
              result: null,
            })
          : null
      return { row, current }
    })
    if (!current) throw new ProblemError('not_found', `No job ${id} in this tenant.`)
    if (!row) throw new ProblemError('conflict', `Only dead jobs can be replayed; job ${id} is ${current.status}.`)
    if (!isJobKind(row.kind)) throw new ProblemError('conflict', `Job kind ${row.kind} is no longer supported.`)
    await enqueueJob(env, row.kind, { tenant_id: tenantId, job_id: row.id })
    await publishJobEvent(env, 'aos.job.queued', row, { replay: true })
    return c.json(presentJob(row), 202)
  })
