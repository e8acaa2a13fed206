import { createRoute } from '@hono/zod-openapi'
import { withTenant } from '../../../adapters/db/client.ts'
import { entityCounts, listEntities } from '../../../adapters/db/dcl-repo.ts'
import { EntityPage, ListEntitiesQuery } from '../../../core/dcl/schema.ts'
import type { App } from '../../app-env.ts'
import { bearerSecurity, jsonBody, problemResponses } from '../../openapi.ts'

const route = createRoute({
  operationId: 'listDclEntities',
  method: 'get',
  path: '/v1/dcl/entities',
  tags: ['dcl'],
  summary: 'Unified entities the DCL built from the canonical event stream, newest change first',
  description:
    'Filled while the tenant flag `USE_AAM_AS_SOURCE` is on: every sync then sends its canonical events to the DCL over a queue. Each entity shows its newest version; a redelivered or older event never replaces a newer one.',
  security: bearerSecurity,
  request: { query: ListEntitiesQuery },
  responses: { 200: jsonBody(EntityPage), ...problemResponses },
})

export const registerListEntities = (app: App) =>
  app.openapi(route, async (c) => {
    const { entity, limit, offset } = c.req.valid('query')
    const tenantId = c.get('tenantId')
    const [rows, counts] = await withTenant(c.get('services').db, tenantId, async (tx) => [
      await listEntities(tx, tenantId, entity, limit, offset),
      await entityCounts(tx, tenantId),
    ])
    const data = rows.map((r) => ({
      entity: r.entity,
      source: r.source,
      external_id: r.externalId,
      event_id: r.eventId,
      event_time: r.eventTime.toISOString(),
      versions: r.versions,
      data: r.data,
      updated_at: r.updatedAt.toISOString(),
    }))
    return c.json({ data, counts: Object.fromEntries(counts.map((r) => [r.entity, r.count])) }, 200)
  })
