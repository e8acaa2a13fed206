import { createRoute } from '@hono/zod-openapi'
import { IdParam } from '../../../contract/params.ts'
import { Job } from '../../../core/jobs/schema.ts'
import { loadUsableConnection } from '../../../services/aam/load-connection.ts'
import { submitJob } from '../../../services/jobs/submit-job.ts'
import type { App } from '../../app-env.ts'
import { requireRole } from '../../middleware/require-role.ts'
import { bearerSecurity, jsonBody, problemResponses } from '../../openapi.ts'
import { presentJob } from '../jobs/present.ts'

const route = createRoute({
  operationId: 'syncConnection',
  method: 'post',
  path: '/v1/connections/{id}/sync',
  tags: ['connections'],
  summary: 'Sync now',
  description: 'Queues an `aam.sync` job for the files not yet synced (e.g. after a stream was resumed).',
  security: bearerSecurity,
  middleware: [requireRole('member')] as const,
  request: { params: IdParam },
  responses: { 202: jsonBody(Job, 'Queued'), ...problemResponses },
})

export const registerSyncConnection = (app: App) =>
  app.openapi(route, async (c) => {
    const services = c.get('services')
    const connection = await loadUsableConnection(services, c.get('tenantId'), c.req.valid('param').id)
    const { row } = await submitJob(services, c.get('tenantId'), {
      kind: 'aam.sync',
      payload: { connection_id: connection.id },
      createdBy: c.get('principal').userId,
    })
    return c.json(presentJob(row), 202)
  })
