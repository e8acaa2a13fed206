import { findConnection } from '../../adapters/db/aam-repo.ts'
import { withTenant } from '../../adapters/db/client.ts'
import { isCursorKind } from '../../core/aam/connectors/registry.ts'
import type { Services } from '../container.ts'
import { syncCursorConnection } from './sync-cursor-source.ts'
import { syncFileConnection } from './sync-files.ts'
import type { SyncJob, SyncResult } from './sync-job.ts'

/** Syncs a connection: a database or SaaS source stream by stream, a FileSource file by file. */
export async function syncConnection(services: Services, job: SyncJob, connectionId: string): Promise<SyncResult> {
  const { tenantId } = job
  const connection = await withTenant(services.db, tenantId, (tx) => findConnection(tx, tenantId, connectionId))
  // Deleted since the job was queued: nothing to do, and nothing worth retrying.
  if (!connection) return { status: 'succeeded', result: { not_synced: 'connection deleted' } }
  if (connection.draft)
    return { status: 'succeeded', result: { not_synced: 'connection is a draft without credentials' } }
  return isCursorKind(connection.kind)
    ? syncCursorConnection(services, job, connection)
    : syncFileConnection(services, job, connection)
}
