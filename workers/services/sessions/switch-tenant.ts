import { withScope } from '../../adapters/db/client.ts'
import { activeMembershipsOfUser } from '../../adapters/db/tenancy-repo.ts'
import type { Services } from '../container.ts'
import { ProblemError } from '../problem-error.ts'
import { storeRefreshToken, tokenResponse } from './issue-session.ts'

/** A session in another of the user's tenants; no password, since their membership decides. */
export async function switchTenant(services: Services, input: { userId: string; email: string; tenantId: string }) {
  const { userId } = input
  const memberships = await withScope(services.db, { userId }, (tx) => activeMembershipsOfUser(tx, userId))
  const chosen = memberships.find((m) => m.tenantId === input.tenantId)
  // Same answer for a tenant that does not exist and one you are not in.
  if (!chosen)
    throw new ProblemError(
      'not_found',
      `You are not a member of tenant ${input.tenantId}. GET /v1/me/tenants lists yours.`,
    )
  const subject = {
    userId,
    email: input.email,
    tenantId: chosen.tenantId,
    tenantName: chosen.tenantName,
    role: chosen.role,
  }
  const session = await withScope(services.db, { tenantId: chosen.tenantId }, (tx) =>
    storeRefreshToken(tx, services, subject),
  )
  return tokenResponse(services, subject, session)
}
