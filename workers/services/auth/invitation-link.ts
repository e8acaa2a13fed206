import { withTenant } from '../../adapters/db/client.ts'
import { findUsableInvitation } from '../../adapters/db/invitations-repo.ts'
import { hashSecret } from '../../adapters/secrets.ts'
import { INVITATION_PREFIX, tenantOfSecret } from '../../core/auth/secrets.ts'
import type { Services } from '../container.ts'
import { ProblemError } from '../problem-error.ts'

/** The usable invitation an emailed link names, with its tenant; a 401 problem for anything else. */
export async function invitationFromLink(services: Services, token: string) {
  const tenantId = tenantOfSecret(INVITATION_PREFIX, token)
  const tokenHash = tenantId ? await hashSecret(token) : null
  const invitation =
    tenantId && tokenHash
      ? await withTenant(services.db, tenantId, (tx) => findUsableInvitation(tx, tenantId, tokenHash))
      : null
  if (!tenantId || !invitation) {
    throw new ProblemError(
      'invalid_token',
      'This invitation link is invalid, already used, withdrawn or expired. Ask whoever invited you to send a new one.',
    )
  }
  return { tenantId, invitation }
}
