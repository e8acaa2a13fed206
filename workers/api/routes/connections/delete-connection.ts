import { createRoute } from '@hono/zod-openapi'
import { DeleteConnectionQuery } from '../../../contract/connections.ts'
import { Job } from '../../../contract/jobs.ts'
import { IdParam } from '../../../contract/params.ts'
import { deleteAndPurgeConnection, deleteConnection } from '../../../services/aam/delete-connection.ts'
import type { App } from '../../app-env.ts'
import { requireRole } from '../../middleware/require-role.ts'
import { bearerSecurity, jsonBody, problemResponses } from '../../openapi.ts'
import { requestActor } from '../../request-actor.ts'

const route = createRoute({
  operationId: 'deleteConnection',
  method: 'delete',
  path: '/v1/connections/{id}',
  tags: ['connections'],
  summary: 'Delete a connection, and with purge=true everything it brought in',
  description:
    'Without `purge` (or `purge=false`) the connection stops syncing and leaves the lists; its stored data is kept (204), and records of its last sync not yet in the DCL when it is deleted are not added. With `purge=true` it is deleted the same way and an `aam.connection-purge` job removes, in batches, its streams, stored records, quarantined and held records, uploaded files, drift and repair history, its mappings, and its records in the DCL: the unified-view rows they fed are re-resolved from the other sources’ records, so a row only it made disappears. The knowledge base’s metadata documents are rewritten without it, and its stored credentials are dropped. The connection row itself and the audit log stay. Answers 202 with the job (`Location` names it; it reports progress in rows and ends `succeeded`). `purge=true` also works on a connection deleted earlier without it; while a purge of the connection is unfinished the same job is returned; after it ended, a new one runs and finds nothing left. Another tenant’s connection is a 404.',
  security: bearerSecurity,
  middleware: [requireRole('admin')] as const,
  request: { params: IdParam, query: DeleteConnectionQuery },
  responses: {
    202: jsonBody(Job, 'Deleted; its data is being removed by this aam.connection-purge job'),
    204: { description: 'Deleted (its stored data is kept)' },
    ...problemResponses,
  },
})

export const registerDeleteConnection = (app: App) =>
  app.openapi(route, async (c) => {
    const { id } = c.req.valid('param')
    if (c.req.valid('query').purge === 'true') {
      const job = await deleteAndPurgeConnection(c.get('services'), c.get('tenantId'), {
        id,
        actor: requestActor(c),
        createdBy: c.get('principal').userId,
      })
      return c.json(job, 202, { Location: `/v1/jobs/${job.id}` })
    }
    await deleteConnection(c.get('services'), c.get('tenantId'), { id, actor: requestActor(c) })
    return c.body(null, 204)
  })
