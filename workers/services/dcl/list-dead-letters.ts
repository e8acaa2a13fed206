import { withTenant } from '../../adapters/db/client.ts'
import { listDeadLetters as selectDeadLetters } from '../../adapters/db/dcl-repo.ts'
import type { Services } from '../container.ts'

/** Canonical event batches the DCL could not apply after every retry and that await a replay. */
export async function listDeadLetters(services: Services, tenantId: string) {
  const rows = await withTenant(services.db, tenantId, (tx) => selectDeadLetters(tx, tenantId))
  return rows.map((r) => ({
    id: r.id,
    stream_id: r.streamId,
    event_count: r.events.length,
    events: r.events,
    created_at: r.createdAt.toISOString(),
  }))
}
