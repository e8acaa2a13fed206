import type { Services } from '../container.ts'
import { presentOneConnection } from './connection-health.ts'
import { loadConnection } from './load-connection.ts'

export async function getConnection(services: Services, tenantId: string, id: string) {
  return presentOneConnection(services, tenantId, await loadConnection(services, tenantId, id))
}
