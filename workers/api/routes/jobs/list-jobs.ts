import { createRoute } from '@hono/zod-openapi'
import { JobList, ListJobsQuery } from '../../../contract/jobs.ts'
import { listJobs } from '../../../services/jobs/list-jobs.ts'
import type { App } from '../../app-env.ts'
import { bearerSecurity, jsonBody, problemResponses } from '../../openapi.ts'

const route = createRoute({
  operationId: 'listJobs',
  method: 'get',
  path: '/v1/jobs',
  tags: ['jobs'],
  summary: 'List jobs, newest first',
  description: 'Filter by `status` and `kind`; page with `next_cursor`.',
  security: bearerSecurity,
  request: { query: ListJobsQuery },
  responses: { 200: jsonBody(JobList), ...problemResponses },
})

export const registerListJobs = (app: App) =>
  app.openapi(route, async (c) =>
    c.json(await listJobs(c.get('services'), c.get('tenantId'), c.req.valid('query')), 200),
  )
