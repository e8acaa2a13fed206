import type { Tx } from '../../adapters/db/client.ts'
import { asStoredVersion, streamLatestVersions } from '../../adapters/db/mapping-registry-repo.ts'
import { registryEntityMapping } from '../../core/dcl/registry/stream-entity-mapping.ts'

/**
 * The entity mapping a tenant accepted in the registry for one stream, read in one query when a sync,
 * backfill or replay prepares the stream's conversion; undefined when none is accepted or the accepted
 * ones cannot make an entity (then the stream's records are stored as generic records, and the suggest
 * response names what is missing).
 */
export async function acceptedEntityMapping(
  tx: Tx,
  tenantId: string,
  connection: { id: string; kind: string },
  streamName: string,
) {
  const rows = await streamLatestVersions(tx, tenantId, {
    sourceSystem: connection.kind,
    connectionId: connection.id,
    sourceStream: streamName,
  })
  const registered = registryEntityMapping(rows.map(asStoredVersion))
  return registered?.ok ? registered.mapping : undefined
}
