import { createRoute } from '@hono/zod-openapi'
import { Job } from '../../../contract/jobs.ts'
import { presentJob } from '../../../services/jobs/present-job.ts'
import { queueMetadataRefresh } from '../../../services/kb/metadata-documents.ts'
import type { App } from '../../app-env.ts'
import { requireRole } from '../../middleware/require-role.ts'
import { bearerSecurity, jsonBody, problemResponses } from '../../openapi.ts'

const route = createRoute({
  operationId: 'refreshKbMetadata',
  method: 'post',
  path: '/v1/kb/metadata/refresh',
  tags: ['kb'],
  summary: 'Rewrite the workspace’s metadata documents now (a kb.metadata job)',
  description:
    'Documents of kind `metadata`: one per connection (`aos-metadata/connections/{id}`: its streams, fields and mappings), one per stream that has drifted (`aos-metadata/drift/{stream_id}`: what changed, when, what was done and decided), one per unified view with rows (`aos-metadata/views/{entity}`: rows, the sources feeding it, the last refresh). Documents of what is gone are removed. Every successful sync queues this by itself, at most once a minute.',
  security: bearerSecurity,
  middleware: [requireRole('member')] as const,
  responses: { 202: jsonBody(Job, 'Queued'), ...problemResponses },
})

export const registerRefreshKbMetadata = (app: App) =>
  app.openapi(route, async (c) =>
    c.json(presentJob((await queueMetadataRefresh(c.get('services'), c.get('tenantId'))).row), 202),
  )
