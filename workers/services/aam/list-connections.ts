import { listConnections as listConnectionRows } from '../../adapters/db/aam-repo.ts'
import { withTenant } from '../../adapters/db/client.ts'
import type { Services } from '../container.ts'
import { presentConnection } from './present-connection.ts'

export async function listConnections(services: Services, tenantId: string) {
  const rows = await withTenant(services.db, tenantId, (tx) => listConnectionRows(tx, tenantId))
  return { data: rows.map(presentConnection) }
}
