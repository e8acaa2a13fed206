import { createRoute } from '@hono/zod-openapi'
import { Job } from '../../../contract/jobs.ts'
import { IdParam } from '../../../contract/params.ts'
import { getJob } from '../../../services/jobs/get-job.ts'
import type { App } from '../../app-env.ts'
import { bearerSecurity, jsonBody, problemResponses } from '../../openapi.ts'

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
  app.openapi(route, async (c) =>
    c.json(await getJob(c.get('services'), c.get('tenantId'), c.req.valid('param').id), 200),
  )
