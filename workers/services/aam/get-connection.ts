import type { Services } from '../container.ts'
import { loadConnection } from './load-connection.ts'
import { presentConnection } from './present-connection.ts'

export async function getConnection(services: Services, tenantId: string, id: string) {
  return presentConnection(await loadConnection(services, tenantId, id))
}
