import { listDrift } from '../../adapters/db/aam-repo.ts'
import { withTenant } from '../../adapters/db/client.ts'
import { countHeld } from '../../adapters/db/drift-review-repo.ts'
import type { Services } from '../container.ts'
import { loadStream } from './load-connection.ts'
import { presentDrift } from './present-drift.ts'

/** A stream's schema drift, newest first, each change classified, with its review when it needs one. */
export async function listStreamDrift(services: Services, tenantId: string, streamId: string) {
  const stream = await loadStream(services, tenantId, streamId)
  return withTenant(services.db, tenantId, async (tx) => {
    const rows = await listDrift(tx, tenantId, stream.id)
    const held = await countHeld(
      tx,
      tenantId,
      rows.filter((r) => r.review).map((r) => r.id),
    )
    return rows.map((r) => presentDrift(r, held.get(r.id) ?? 0))
  })
}
