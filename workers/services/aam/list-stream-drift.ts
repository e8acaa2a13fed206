import { listDrift } from '../../adapters/db/aam-repo.ts'
import { withTenant } from '../../adapters/db/client.ts'
import type { Services } from '../container.ts'
import { loadStream } from './load-connection.ts'

/** A stream's schema drift, newest first, each change classified. */
export async function listStreamDrift(services: Services, tenantId: string, streamId: string) {
  const stream = await loadStream(services, tenantId, streamId)
  const rows = await withTenant(services.db, tenantId, (tx) => listDrift(tx, tenantId, stream.id))
  return rows.map((r) => ({
    id: r.id,
    stream_id: r.streamId,
    from_fingerprint: r.fromFingerprint,
    to_fingerprint: r.toFingerprint,
    changes: r.changes as Record<string, unknown>[],
    breaking: r.breaking,
    policy: r.policy,
    action: r.action,
    job_id: r.jobId,
    detected_at: r.detectedAt.toISOString(),
  }))
}
