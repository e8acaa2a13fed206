import { createRoute } from '@hono/zod-openapi'
import { withTenant } from '../../../adapters/db/client.ts'
import { findJob } from '../../../adapters/db/jobs-repo.ts'
import { IdParam } from '../../../contract/params.ts'
import { Job } from '../../../core/jobs/schema.ts'
import { ProblemError } from '../../../services/problem-error.ts'
import type { App } from '../../app-env.ts'
import { bearerSecurity, jsonBody, problemResponses } from '../../openapi.ts'
import { presentJob } from './present.ts'

const route = createRoute({
  operationId: 'getJob',
  method: 'get',
  path: '/v1/jobs/{id}',
  tags: ['jobs'],
  summary: 'Get a job',
  security: bearerSecurity,
  request: { params: IdParam },
  responses: { 200: jsonBody(Job), ...problemResponses },
})

export const registerGetJob = (app: App) =>
  app.openapi(route, async (c) => {
    const { id } = c.req.valid('param')
    const tenantId = c.get('tenantId')
    const row = await withTenant(c.get('services').db, tenantId, (tx) => findJob(tx, tenantId, id))
    if (!row) throw new ProblemError('not_found', `No job ${id} in this tenant.`)
    return c.json(presentJob(row), 200)
  })
