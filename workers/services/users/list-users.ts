import { withTenant } from '../../adapters/db/client.ts'
import { listMembers } from '../../adapters/db/tenancy-repo.ts'
import type { Services } from '../container.ts'
import { presentMember } from './present-member.ts'

export async function listUsers(services: Services, tenantId: string) {
  const rows = await withTenant(services.db, tenantId, (tx) => listMembers(tx, tenantId))
  return { data: rows.map(presentMember) }
}
