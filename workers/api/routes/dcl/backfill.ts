import { createRoute } from '@hono/zod-openapi'
import { Job } from '../../../contract/jobs.ts'
import { aamFeedsDcl } from '../../../services/dcl/canonical-feed.ts'
import { presentJob } from '../../../services/jobs/present-job.ts'
import { submitJob } from '../../../services/jobs/submit-job.ts'
import { ProblemError } from '../../../services/problem-error.ts'
import type { App } from '../../app-env.ts'
import { requireRole } from '../../middleware/require-role.ts'
import { bearerSecurity, conflictResponse, jsonBody, problemResponses } from '../../openapi.ts'

const route = createRoute({
  operationId: 'backfillDcl',
  method: 'post',
  path: '/v1/dcl/backfill',
  tags: ['dcl'],
  summary: 'Send every record the API Mesh has stored to the DCL (a dcl.backfill job)',
  description:
    'For a tenant that just turned `USE_AAM_AS_SOURCE` on: syncs only send what changed, so this sends the rest. Safe to repeat: the DCL applies each event id once.',
  security: bearerSecurity,
  middleware: [requireRole('member')] as const,
  responses: { 202: jsonBody(Job, 'Queued'), ...problemResponses, ...conflictResponse },
})

export const registerBackfill = (app: App) =>
  app.openapi(route, async (c) => {
    const services = c.get('services')
    const tenantId = c.get('tenantId')
    if (!(await aamFeedsDcl(services, tenantId)))
      throw new ProblemError(
        'conflict',
        'The DCL does not read from the API Mesh: turn USE_AAM_AS_SOURCE on (PUT /v1/flags/USE_AAM_AS_SOURCE), then backfill.',
      )
    const { row } = await submitJob(services, tenantId, {
      kind: 'dcl.backfill',
      payload: {},
      createdBy: c.get('principal').userId,
    })
    return c.json(presentJob(row), 202)
  })
