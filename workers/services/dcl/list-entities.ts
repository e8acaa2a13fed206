import { withTenant } from '../../adapters/db/client.ts'
import { entityCounts, listEntities as selectEntities } from '../../adapters/db/dcl-repo.ts'
import type { Services } from '../container.ts'

/** A page of the unified entities, newest change first, and how many there are of each entity type. */
export async function listEntities(
  services: Services,
  tenantId: string,
  query: { entity?: string; limit: number; offset: number },
) {
  const [rows, counts] = await withTenant(services.db, tenantId, async (tx) => [
    await selectEntities(tx, tenantId, query.entity, query.limit, query.offset),
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
  return { data, counts: Object.fromEntries(counts.map((r) => [r.entity, r.count])) }
}
