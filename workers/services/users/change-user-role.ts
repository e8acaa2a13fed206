import { recordAudit } from '../../adapters/db/audit-repo.ts'
import { withTenant } from '../../adapters/db/client.ts'
import { countActiveOwners, findMember, setMemberRole } from '../../adapters/db/tenancy-repo.ts'
import { publishSessionsRevoked } from '../../adapters/session-revocations.ts'
import type { Role } from '../../contract/vocabulary/roles.ts'
import { canAssign } from '../../core/auth/roles.ts'
import { auditActor } from '../audit-actor.ts'
import type { Principal } from '../auth/principal.ts'
import type { Services } from '../container.ts'
import { ProblemError } from '../problem-error.ts'
import { presentMember } from './present-member.ts'

type Outcome =
  | { ok: true; member: Parameters<typeof presentMember>[0]; revokedAtMs: number | null }
  | { ok: false; error: ProblemError }

/**
 * Gives a member another role. Their access tokens issued before the change stop working at once; a
 * refresh gives them one with the new role.
 */
export async function changeUserRole(
  services: Services,
  tenantId: string,
  input: { userId: string; role: Role; principal: Principal; requestId: string },
) {
  const { userId, role, principal } = input
  const outcome = await withTenant(services.db, tenantId, async (tx): Promise<Outcome> => {
    const member = await findMember(tx, tenantId, userId, 'update')
    if (!member) return { ok: false, error: new ProblemError('not_found', `No member ${userId} in this tenant.`) }
    if (!canAssign(principal.role, member.role, role)) {
      return {
        ok: false,
        error: new ProblemError('forbidden', 'Only an owner can change an owner or make someone owner.'),
      }
    }
    if (member.role === 'owner' && role !== 'owner' && (await countActiveOwners(tx, tenantId)) <= 1) {
      return {
        ok: false,
        error: new ProblemError('conflict', 'This is the last owner. Make someone else owner first.'),
      }
    }
    // Unchanged: nothing to record, and no reason to sign the member out.
    if (member.role === role) return { ok: true, member, revokedAtMs: null }
    const revokedAtMs = await setMemberRole(tx, tenantId, userId, role)
    await recordAudit(tx, tenantId, {
      ...auditActor(principal),
      action: 'member.role_changed',
      targetType: 'user',
      targetId: userId,
      metadata: { from: member.role, to: role },
      requestId: input.requestId,
    })
    return { ok: true, member: { ...member, role }, revokedAtMs }
  })
  if (!outcome.ok) throw outcome.error
  if (outcome.revokedAtMs !== null) await publishSessionsRevoked(services, tenantId, userId, outcome.revokedAtMs)
  return presentMember(outcome.member)
}
