import { updateConnection as updateConnectionRow } from '../../adapters/db/aam-repo.ts'
import { recordAudit } from '../../adapters/db/audit-repo.ts'
import { withTenant } from '../../adapters/db/client.ts'
import type { PatchConnectionBody } from '../../contract/connections.ts'
import { nextSyncAt } from '../../core/aam/schedule.ts'
import type { Actor } from '../audit-actor.ts'
import type { Services } from '../container.ts'
import { ProblemError } from '../problem-error.ts'
import { presentOneConnection } from './connection-health.ts'
import { validConfig } from './connection-settings.ts'
import { loadConnection } from './load-connection.ts'

/** Changes settings only: stored records, streams and files are never dropped, truncated or recreated. */
export async function updateConnection(
  services: Services,
  tenantId: string,
  input: { id: string; changes: PatchConnectionBody; actor: Actor },
) {
  const { id, changes } = input
  const config = changes.config
    ? validConfig(services.config, await loadConnection(services, tenantId, id), changes.config)
    : undefined
  const row = await withTenant(services.db, tenantId, async (tx) => {
    const row = await updateConnectionRow(tx, tenantId, id, {
      ...(config ? { config } : {}),
      ...(changes.name ? { name: changes.name } : {}),
      ...(changes.drift_policy ? { driftPolicy: changes.drift_policy } : {}),
      ...(changes.schedule !== undefined
        ? { schedule: changes.schedule, nextSyncAt: nextSyncAt(changes.schedule, new Date()) }
        : {}),
    })
    if (row) {
      await recordAudit(tx, tenantId, {
        ...input.actor,
        action: 'connection.updated',
        targetType: 'connection',
        targetId: id,
        metadata: changes,
      })
    }
    return row
  })
  if (!row) throw new ProblemError('not_found', `No connection ${id} in this tenant.`)
  return presentOneConnection(services, tenantId, row)
}
