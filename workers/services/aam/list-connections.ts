import { listConnections as listConnectionRows } from '../../adapters/db/aam-repo.ts'
import { withTenant } from '../../adapters/db/client.ts'
import type { Services } from '../container.ts'
import { presentConnections } from './connection-health.ts'

export async function listConnections(services: Services, tenantId: string) {
  const data = await withTenant(services.db, tenantId, async (tx) =>
    presentConnections(tx, tenantId, await listConnectionRows(tx, tenantId)),
  )
  return { data }
}
