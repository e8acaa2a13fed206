import { listConnections, listTenantStreams } from '../../adapters/db/aam-repo.ts'
import { withTenant } from '../../adapters/db/client.ts'
import { entityCounts } from '../../adapters/db/dcl-repo.ts'
import { listLatestVersions } from '../../adapters/db/mapping-registry-repo.ts'
import type { SnapshotField } from '../../core/aam/schema-snapshot.ts'
import { buildOntologyGraph } from '../../core/dcl/graph/ontology-graph.ts'
import type { Services } from '../container.ts'

/** Registry mappings drawn at most; a registry larger than this is drawn in part (newest changes first). */
const MAX_MAPPINGS = 5000

/** The tenant's ontology graph as it stands: sources, streams, fields, canonical entities and their links. */
export async function getOntologyGraph(services: Services, tenantId: string) {
  const { connections, streams, mappings, counts } = await withTenant(services.db, tenantId, async (tx) => ({
    connections: await listConnections(tx, tenantId),
    streams: await listTenantStreams(tx, tenantId),
    mappings: await listLatestVersions(tx, tenantId, { limit: MAX_MAPPINGS }),
    counts: await entityCounts(tx, tenantId),
  }))
  return buildOntologyGraph({
    connections,
    streams: streams.map((s) => ({
      id: s.id,
      connectionId: s.connectionId,
      name: s.name,
      schema: (s.schema ?? []) as SnapshotField[],
      recordCount: s.recordCount,
    })),
    mappings,
    entityCounts: Object.fromEntries(counts.map((c) => [c.entity, c.count])),
  })
}
