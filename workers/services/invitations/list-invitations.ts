import { withTenant } from '../../adapters/db/client.ts'
import { listPendingInvitations } from '../../adapters/db/invitations-repo.ts'
import type { Services } from '../container.ts'
import { presentInvitation } from './present-invitation.ts'

/** Invitations not yet accepted nor withdrawn, expired ones included. */
export async function listInvitations(services: Services, tenantId: string) {
  const rows = await withTenant(services.db, tenantId, (tx) => listPendingInvitations(tx, tenantId))
  return { data: rows.map((row) => presentInvitation(row)) }
}
