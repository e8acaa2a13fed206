import { createRoute } from '@hono/zod-openapi'
import { revokeUserApiKeys } from '../../../adapters/db/api-keys-repo.ts'
import { recordAudit } from '../../../adapters/db/audit-repo.ts'
import { withTenant } from '../../../adapters/db/client.ts'
import { revokeUserSessions } from '../../../adapters/db/refresh-tokens-repo.ts'
import { countActiveOwners, deactivateMember, findMember } from '../../../adapters/db/tenancy-repo.ts'
import { publishSessionsRevoked } from '../../../adapters/session-revocations.ts'
import { Member } from '../../../contract/auth.ts'
import { IdParam } from '../../../contract/params.ts'
import { auditActor } from '../../../services/audit-actor.ts'
import { ProblemError } from '../../../services/problem-error.ts'
import { presentMember } from '../../../services/users/present-member.ts'
import type { App } from '../../app-env.ts'
import { requireRole } from '../../middleware/require-role.ts'
import { bearerSecurity, conflictResponse, jsonBody, problemResponses } from '../../openapi.ts'

const route = createRoute({
  operationId: 'deactivateUser',
  method: 'post',
  path: '/v1/users/{id}/deactivate',
  tags: ['users'],
  summary: 'Deactivate a member',
  description:
    'The member can no longer log in to this tenant; their sessions, access tokens and API keys here stop working at once.',
  security: bearerSecurity,
  middleware: [requireRole('admin')] as const,
  request: { params: IdParam },
  responses: { 200: jsonBody(Member), ...problemResponses, ...conflictResponse },
})

type Outcome =
  | { ok: true; member: Parameters<typeof presentMember>[0]; revokedAtMs: number }
  | { ok: false; error: ProblemError }

export const registerDeactivateUser = (app: App) =>
  app.openapi(route, async (c) => {
    const { id } = c.req.valid('param')
    const principal = c.get('principal')
    const tenantId = c.get('tenantId')
    const services = c.get('services')
    const outcome = await withTenant(services.db, tenantId, async (tx): Promise<Outcome> => {
      const member = await findMember(tx, tenantId, id)
      if (!member) return { ok: false, error: new ProblemError('not_found', `No member ${id} in this tenant.`) }
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
      await revokeUserSessions(tx, tenantId, id)
      const apiKeysRevoked = await revokeUserApiKeys(tx, tenantId, id)
      const revokedAtMs = await deactivateMember(tx, tenantId, id)
      await recordAudit(tx, tenantId, {
        ...auditActor(principal),
        action: 'member.deactivated',
        targetType: 'user',
        targetId: id,
        metadata: { api_keys_revoked: apiKeysRevoked },
        requestId: c.get('requestId'),
      })
      return { ok: true, member: { ...member, status: 'deactivated' }, revokedAtMs }
    })
    if (!outcome.ok) throw outcome.error
    await publishSessionsRevoked(services, tenantId, id, outcome.revokedAtMs)
    return c.json(presentMember(outcome.member), 200)
  })
