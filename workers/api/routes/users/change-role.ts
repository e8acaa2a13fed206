import { createRoute } from '@hono/zod-openapi'
import { recordAudit } from '../../../adapters/db/audit-repo.ts'
import { withTenant } from '../../../adapters/db/client.ts'
import { countActiveOwners, findMember, setMemberRole } from '../../../adapters/db/tenancy-repo.ts'
import { publishSessionsRevoked } from '../../../adapters/session-revocations.ts'
import { Member, UpdateMemberBody } from '../../../contract/auth.ts'
import { IdParam } from '../../../contract/params.ts'
import { canAssign } from '../../../core/auth/roles.ts'
import { auditActor } from '../../../services/audit-actor.ts'
import { ProblemError } from '../../../services/problem-error.ts'
import { presentMember } from '../../../services/users/present-member.ts'
import type { App } from '../../app-env.ts'
import { requireRole } from '../../middleware/require-role.ts'
import { bearerSecurity, conflictResponse, jsonBody, jsonRequest, problemResponses } from '../../openapi.ts'

const route = createRoute({
  operationId: 'changeUserRole',
  method: 'patch',
  path: '/v1/users/{id}',
  tags: ['users'],
  summary: 'Change a member’s role',
  description:
    'The member’s access tokens issued before the change stop working at once; a refresh gives them one with the new role.',
  security: bearerSecurity,
  middleware: [requireRole('admin')] as const,
  request: { params: IdParam, body: jsonRequest(UpdateMemberBody) },
  responses: { 200: jsonBody(Member), ...problemResponses, ...conflictResponse },
})

type Outcome =
  | { ok: true; member: Parameters<typeof presentMember>[0]; revokedAtMs: number | null }
  | { ok: false; error: ProblemError }

export const registerChangeRole = (app: App) =>
  app.openapi(route, async (c) => {
    const { id } = c.req.valid('param')
    const { role } = c.req.valid('json')
    const principal = c.get('principal')
    const tenantId = c.get('tenantId')
    const services = c.get('services')
    const outcome = await withTenant(services.db, tenantId, async (tx): Promise<Outcome> => {
      const member = await findMember(tx, tenantId, id, 'update')
      if (!member) return { ok: false, error: new ProblemError('not_found', `No member ${id} in this tenant.`) }
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
      const revokedAtMs = await setMemberRole(tx, tenantId, id, role)
      await recordAudit(tx, tenantId, {
        ...auditActor(principal),
        action: 'member.role_changed',
        targetType: 'user',
        targetId: id,
        metadata: { from: member.role, to: role },
        requestId: c.get('requestId'),
      })
      return { ok: true, member: { ...member, role }, revokedAtMs }
    })
    if (!outcome.ok) throw outcome.error
    if (outcome.revokedAtMs !== null) await publishSessionsRevoked(services, tenantId, id, outcome.revokedAtMs)
    return c.json(presentMember(outcome.member), 200)
  })
