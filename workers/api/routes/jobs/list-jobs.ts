import { createRoute } from '@hono/zod-openapi'
import { withTenant } from '../../../adapters/db/client.ts'
import { listJobs } from '../../../adapters/db/jobs-repo.ts'
import { decodeCursor, encodeCursor } from '../../../core/jobs/lifecycle.ts'
import { JobList, ListJobsQuery } from '../../../core/jobs/schema.ts'
import { ProblemError } from '../../../services/problem-error.ts'
import type { App } from '../../app-env.ts'
import { bearerSecurity, jsonBody, problemResponses } from '../../openapi.ts'
import { presentJob } from './present.ts'

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
  app.openapi(route, async (c) => {
    const { status, kind, limit, cursor } = c.req.valid('query')
    const after = cursor ? decodeCursor(cursor) : undefined
    if (after === null)
      throw new ProblemError('bad_request', 'The cursor is not valid. Use next_cursor from a previous page.')
    const tenantId = c.get('tenantId')
    const rows = await withTenant(c.get('services').db, tenantId, (tx) =>
      listJobs(tx, tenantId, {
        limit,
        ...(status ? { status } : {}),
        ...(kind ? { kind } : {}),
        ...(after ? { after } : {}),
      }),
    )
    const page = rows.slice(0, limit)
    const last = page[page.length - 1]
    const nextCursor = rows.length > limit && last ? encodeCursor(last.createdAt, last.id) : null
    return c.json({ data: page.map(presentJob), next_cursor: nextCursor }, 200)
  })
