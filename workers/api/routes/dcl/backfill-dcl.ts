import { createRoute } from '@hono/zod-openapi'
import { Job } from '../../../contract/jobs.ts'
import { startBackfill } from '../../../services/dcl/start-backfill.ts'
import type { App } from '../../app-env.ts'
import { requireRole } from '../../middleware/require-role.ts'
import { bearerSecurity, jsonBody, problemResponses } from '../../openapi.ts'

const route = createRoute({
  operationId: 'backfillDcl',
  method: 'post',
  path: '/v1/dcl/backfill',
  tags: ['dcl'],
  summary: 'Bring the DCL up to date with every source (a dcl.backfill job)',
  description:
    'With `USE_AAM_AS_SOURCE` on, sends every record the API Mesh has stored to the DCL (syncs only send what changed, so this sends the rest: use it right after turning the flag on). With the flag off, reads every connection directly (database and SaaS streams from their start, FileSource connections from their synced files), as the `dcl.direct-read` job each sync queues does for its connection; sources that cannot be reached are named in the result’s `failed`. Paused streams and streams held for drift review are not fed. Rows that cannot become canonical events are counted in `not_convertible`. Safe to repeat: the DCL applies each event id once.',
  security: bearerSecurity,
  middleware: [requireRole('member')] as const,
  responses: { 202: jsonBody(Job, 'Queued'), ...problemResponses },
})

export const registerBackfillDcl = (app: App) =>
  app.openapi(route, async (c) =>
    c.json(await startBackfill(c.get('services'), c.get('tenantId'), { createdBy: c.get('principal').userId }), 202),
  )
