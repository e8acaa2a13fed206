import type { Principal } from '../../../services/auth/principal.ts'
import { ProblemError } from '../../../services/problem-error.ts'

/** Only people (access tokens) have several tenants; an API key belongs to exactly one. */
export function userPrincipal(principal: Principal) {
  if (principal.kind !== 'user')
    throw new ProblemError(
      'forbidden',
      'Only a signed-in user can list or switch tenants; API keys belong to one tenant.',
    )
  return principal
}
