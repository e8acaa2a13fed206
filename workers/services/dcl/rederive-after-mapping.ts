// A person's change to a mapping (accept, reject, edit, revert) reaches the records already synced: each
// stream the mapping covers is converted again in a `dcl.rederive` job, so the unified view shows the
// decision without waiting for the next sync. One queued job per stream takes any number of decisions.
import { findConnection, findStream, listConnections, listStreams } from '../../adapters/db/aam-repo.ts'
import { withTenant } from '../../adapters/db/client.ts'
import { idsWithQueuedJob } from '../../adapters/db/jobs-repo.ts'
import type { MappingVersionRow } from '../../adapters/db/mapping-registry-repo.ts'
import type { SyncResult } from '../aam/sync-job.ts'
import type { Services } from '../container.ts'
import { submitJob } from '../jobs/submit-job.ts'
import { rederiveStream } from '../repair/rederive-stream.ts'

type MappingKey = Pick<MappingVersionRow, 'sourceSystem' | 'connectionId' | 'sourceStream'>

/** The streams a mapping covers: its connection's, or every live connection's of its source system. */
async function coveredStreams(services: Services, tenantId: string, mapping: MappingKey) {
  return withTenant(services.db, tenantId, async (tx) => {
    const connections = mapping.connectionId
      ? [await findConnection(tx, tenantId, mapping.connectionId)].filter((c) => c !== null)
      : (await listConnections(tx, tenantId)).filter((c) => c.kind === mapping.sourceSystem)
    const streams = await Promise.all(connections.map((c) => listStreams(tx, tenantId, c.id)))
    const covered = streams.flat().filter((s) => s.name === mapping.sourceStream)
    const queued = await idsWithQueuedJob(
      tx,
      tenantId,
      'dcl.rederive',
      'stream_id',
      covered.map((s) => s.id),
    )
    return covered.filter((s) => !queued.has(s.id))
  })
}

/**
 * Queues a `dcl.rederive` job for each stream the mapping covers that has none waiting, when the change
 * can alter what the DCL derives: a mapping accepted now, or one that was accepted before.
 */
export async function queueRederive(
  services: Services,
  tenantId: string,
  mapping: MappingKey & { status: string },
  before: { status: string } | undefined,
) {
  if (mapping.status !== 'accepted' && before?.status !== 'accepted') return
  for (const stream of await coveredStreams(services, tenantId, mapping)) {
    await submitJob(services, tenantId, { kind: 'dcl.rederive', payload: { stream_id: stream.id }, createdBy: null })
  }
}

/** The `dcl.rederive` job: the stream's stored records converted again (or a direct read queued). */
export async function rederiveStreamById(services: Services, tenantId: string, streamId: string): Promise<SyncResult> {
  const stream = await withTenant(services.db, tenantId, (tx) => findStream(tx, tenantId, streamId))
  if (!stream) return { status: 'succeeded', result: { not_run: 'stream no longer exists' } }
  return { status: 'succeeded', result: { events_rederived: await rederiveStream(services, tenantId, stream) } }
}
