import { createRoute } from '@hono/zod-openapi'
import { Job } from '../../../contract/jobs.ts'
import { startBackfill } from '../../../services/dcl/start-backfill.ts'
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

export const registerBackfillDcl = (app: App) =>
  app.openapi(route, async (c) =>
    c.json(await startBackfill(c.get('services'), c.get('tenantId'), { createdBy: c.get('principal').userId }), 202),
  )
