import { recordAudit } from '../../adapters/db/audit-repo.ts'
import { withTenant } from '../../adapters/db/client.ts'
import { revokeInvitation as revokePendingInvitation } from '../../adapters/db/invitations-repo.ts'
import { auditActor } from '../audit-actor.ts'
import type { Principal } from '../auth/principal.ts'
import type { Services } from '../container.ts'
import { ProblemError } from '../problem-error.ts'

/** Withdraws a pending invitation: its link stops working. */
export async function revokeInvitation(
  services: Services,
  tenantId: string,
  input: { invitationId: string; principal: Principal; requestId: string },
) {
  const id = input.invitationId
  const revoked = await withTenant(services.db, tenantId, async (tx) => {
    if (!(await revokePendingInvitation(tx, tenantId, id))) return false
    await recordAudit(tx, tenantId, {
      ...auditActor(input.principal),
      action: 'invitation.revoked',
      targetType: 'invitation',
      targetId: id,
      requestId: input.requestId,
    })
    return true
  })
  if (!revoked) throw new ProblemError('not_found', `No pending invitation ${id} in this tenant.`)
}
