import { withTenant } from '../../adapters/db/client.ts'
import { findMember, findTenant } from '../../adapters/db/tenancy-repo.ts'
import type { Services } from '../container.ts'
import { ProblemError } from '../problem-error.ts'
import type { Principal } from './principal.ts'

/**
 * Who the caller is. An access token answers from its signed claims (no database round trip); any
 * other principal from the user and tenant behind it.
 */
export async function getMe(services: Services, tenantId: string, principal: Principal) {
  if (principal.kind === 'user') {
    return {
      user: { id: principal.userId, email: principal.email },
      tenant: { id: tenantId, name: principal.tenantName },
      role: principal.role,
      auth: 'access_token' as const,
    }
  }
  const [member, tenant] = await withTenant(services.db, tenantId, (tx) =>
    Promise.all([findMember(tx, tenantId, principal.userId), findTenant(tx, tenantId)]),
  )
  if (!member || !tenant)
    throw new ProblemError('not_found', 'The user or tenant behind this API key no longer exists.')
  return {
    user: { id: member.id, email: member.email },
    tenant: { id: tenant.id, name: tenant.name },
    role: principal.role,
    auth: 'api_key' as const,
  }
}
