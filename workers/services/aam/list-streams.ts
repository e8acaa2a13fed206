import { listTenantStreams, listStreams as selectConnectionStreams } from '../../adapters/db/aam-repo.ts'
import { withTenant } from '../../adapters/db/client.ts'
import type { Services } from '../container.ts'
import { loadConnection } from './load-connection.ts'
import { presentStream } from './present-connection.ts'

/** Every stream of the tenant's live connections. */
export async function listStreams(services: Services, tenantId: string) {
  const rows = await withTenant(services.db, tenantId, (tx) => listTenantStreams(tx, tenantId))
  return rows.map(presentStream)
}

/** The streams of one connection, or a 404 when the tenant has no such connection. */
export async function listConnectionStreams(services: Services, tenantId: string, connectionId: string) {
  const connection = await loadConnection(services, tenantId, connectionId)
  const rows = await withTenant(services.db, tenantId, (tx) => selectConnectionStreams(tx, tenantId, connection.id))
  return rows.map(presentStream)
}
