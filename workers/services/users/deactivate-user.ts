import { revokeUserApiKeys } from '../../adapters/db/api-keys-repo.ts'
import { recordAudit } from '../../adapters/db/audit-repo.ts'
import { withTenant } from '../../adapters/db/client.ts'
import { revokeUserSessions } from '../../adapters/db/refresh-tokens-repo.ts'
import { countActiveOwners, deactivateMember, findMember } from '../../adapters/db/tenancy-repo.ts'
import { publishSessionsRevoked } from '../../adapters/session-revocations.ts'
import { auditActor } from '../audit-actor.ts'
import type { Principal } from '../auth/principal.ts'
import type { Services } from '../container.ts'
import { ProblemError } from '../problem-error.ts'
import { presentMember } from './present-member.ts'

type Outcome =
  | { ok: true; member: Parameters<typeof presentMember>[0]; revokedAtMs: number }
  | { ok: false; error: ProblemError }

/**
 * Takes a member out of the tenant: they can no longer log in to it, and their sessions, access
 * tokens and API keys here stop working at once.
 */
export async function deactivateUser(
  services: Services,
  tenantId: string,
  input: { userId: string; principal: Principal; requestId: string },
) {
  const { userId, principal } = input
  const outcome = await withTenant(services.db, tenantId, async (tx): Promise<Outcome> => {
    const member = await findMember(tx, tenantId, userId)
    if (!member) return { ok: false, error: new ProblemError('not_found', `No member ${userId} in this tenant.`) }
    if (member.role === 'owner' && principal.role !== 'owner') {
      return { ok: false, error: new ProblemError('forbidden', 'Only an owner can deactivate an owner.') }
    }
    if (member.role === 'owner' && member.status === 'active' && (await countActiveOwners(tx, tenantId)) <= 1) {
      return {
        ok: false,
        error: new ProblemError('conflict', 'This is the last owner. Make someone else owner first.'),
      }
    }
    // Refresh tokens before the membership, the order a refresh takes them in (no deadlock); a refresh
    // holding one therefore commits before the stamp below, which then cuts off what it issued.
    await revokeUserSessions(tx, tenantId, userId)
    const apiKeysRevoked = await revokeUserApiKeys(tx, tenantId, userId)
    const revokedAtMs = await deactivateMember(tx, tenantId, userId)
    await recordAudit(tx, tenantId, {
      ...auditActor(principal),
      action: 'member.deactivated',
      targetType: 'user',
      targetId: userId,
      metadata: { api_keys_revoked: apiKeysRevoked },
      requestId: input.requestId,
    })
    return { ok: true, member: { ...member, status: 'deactivated' }, revokedAtMs }
  })
  if (!outcome.ok) throw outcome.error
  await publishSessionsRevoked(services, tenantId, userId, outcome.revokedAtMs)
  return presentMember(outcome.member)
}
