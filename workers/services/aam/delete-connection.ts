import { softDeleteConnection } from '../../adapters/db/aam-repo.ts'
import { recordAudit } from '../../adapters/db/audit-repo.ts'
import { withTenant } from '../../adapters/db/client.ts'
import type { Actor } from '../audit-actor.ts'
import type { Services } from '../container.ts'
import { ProblemError } from '../problem-error.ts'

/** The connection stops syncing and leaves the lists; its streams, records and files are kept. */
export async function deleteConnection(services: Services, tenantId: string, input: { id: string; actor: Actor }) {
  const { id } = input
  const deleted = await withTenant(services.db, tenantId, async (tx) => {
    const deleted = await softDeleteConnection(tx, tenantId, id)
    if (deleted) {
      await recordAudit(tx, tenantId, {
        ...input.actor,
        action: 'connection.deleted',
        targetType: 'connection',
        targetId: id,
      })
    }
    return deleted
  })
  if (!deleted) throw new ProblemError('not_found', `No connection ${id} in this tenant.`)
}
