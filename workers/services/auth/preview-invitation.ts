import { withScope } from '../../adapters/db/client.ts'
import { findUserByEmail } from '../../adapters/db/tenancy-repo.ts'
import type { Services } from '../container.ts'
import { invitationFromLink } from './invitation-link.ts'

/**
 * What an invitation link offers, for the accept page: the workspace, the role and whether the
 * address already has a confirmed account (then accepting asks for its password).
 */
export async function previewInvitation(services: Services, token: string) {
  const { invitation } = await invitationFromLink(services, token)
  const { email } = invitation
  const user = await withScope(services.db, { loginEmail: email }, (tx) => findUserByEmail(tx, email))
  return {
    email,
    tenant_name: invitation.tenantName,
    role: invitation.role,
    invited_by: invitation.invitedBy ?? 'an administrator',
    expires_at: invitation.expiresAt.toISOString(),
    account_exists: Boolean(user?.emailVerifiedAt),
  }
}
