import { createRoute } from '@hono/zod-openapi'
import { recordAudit } from '../../../adapters/db/audit-repo.ts'
import { withScope } from '../../../adapters/db/client.ts'
import {
  findMember,
  findUserByEmail,
  insertMembership,
  insertUser,
  reactivateMember,
} from '../../../adapters/db/tenancy-repo.ts'
import { hashPassword } from '../../../adapters/passwords.ts'
import { canAssign } from '../../../core/auth/roles.ts'
import { CreatedMember, CreateMemberBody } from '../../../core/auth/schema.ts'
import type { App } from '../../app-env.ts'
import { auditActor } from '../../audit-actor.ts'
import { ApiError } from '../../errors.ts'
import { requireRole } from '../../middleware/require-role.ts'
import { bearerSecurity, conflictResponse, jsonBody, jsonRequest, problemResponses } from '../../openapi.ts'
import { presentMember } from './present.ts'

const route = createRoute({
  method: 'post',
  path: '/v1/users',
  tags: ['users'],
  summary: 'Add a user to this tenant',
  description:
    'Adds an existing user (by email) or creates one. A new user without `password` gets a temporary password, returned once. Re-adding a deactivated member reactivates them.',
  security: bearerSecurity,
  middleware: [requireRole('admin')] as const,
  request: { body: jsonRequest(CreateMemberBody) },
  responses: { 201: jsonBody(CreatedMember, 'Member added'), ...problemResponses, ...conflictResponse },
})

const temporaryPassword = () =>
  btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(15)))).replace(/[+/=]/g, 'x')

export const registerCreateUser = (app: App) =>
  app.openapi(route, async (c) => {
    const { email, role, password } = c.req.valid('json')
    const principal = c.get('principal')
    const tenantId = c.get('tenantId')
    if (!canAssign(principal.role, null, role)) {
      throw new ApiError('forbidden', `An ${principal.role} cannot grant the ${role} role. Ask an owner.`)
    }
    const { db } = c.get('services')
    const existing = await withScope(db, { tenantId, loginEmail: email }, (tx) => findUserByEmail(tx, email))
    const generated = existing || password ? undefined : temporaryPassword()
    const passwordHash = existing ? null : await hashPassword(password ?? (generated as string))

    const member = await withScope(db, { tenantId, loginEmail: email }, async (tx) => {
      const user = existing ?? (await insertUser(tx, email, passwordHash as string))
      const current = await findMember(tx, tenantId, user.id)
      if (current?.status === 'active') return null
      if (current) await reactivateMember(tx, tenantId, user.id, role)
      else await insertMembership(tx, tenantId, user.id, role)
      await recordAudit(tx, tenantId, {
        ...auditActor(principal),
        action: current ? 'member.reactivated' : 'member.added',
        targetType: 'user',
        targetId: user.id,
        metadata: { role },
        requestId: c.get('requestId'),
      })
      return findMember(tx, tenantId, user.id)
    })
    if (!member)
      throw new ApiError(
        'conflict',
        `${email} is already an active member. Change their role with PATCH /v1/users/{id}.`,
      )
    return c.json({ ...presentMember(member), ...(generated ? { temporary_password: generated } : {}) }, 201)
  })
