import { withScope } from '../../adapters/db/client.ts'
import { consumeEmailToken, peekEmailToken } from '../../adapters/db/email-tokens-repo.ts'
import { proveAddress } from '../../adapters/db/tenancy-repo.ts'
import { hashPassword } from '../../adapters/passwords.ts'
import { hashSecret } from '../../adapters/secrets.ts'
import type { Services } from '../container.ts'
import { ProblemError } from '../problem-error.ts'
import { revokeEverywhere } from '../sessions/revoke-everywhere.ts'
import { assertStrongPassword } from './password-rules.ts'

const invalid = () =>
  new ProblemError(
    'invalid_token',
    'This link is invalid, already used or expired. Ask for a new one from the sign-in page.',
  )

/**
 * Sets a new password from an emailed link: the link proves the address, and the account is signed
 * out everywhere. Each link works once.
 */
export async function confirmPasswordReset(services: Services, input: { token: string; password: string }) {
  const tokenHash = await hashSecret(input.token)
  const link = await withScope(services.db, { tokenHash }, (tx) => peekEmailToken(tx, tokenHash, ['password_reset']))
  if (!link?.userId) throw invalid()
  assertStrongPassword(input.password, [link.email])
  const passwordHash = await hashPassword(input.password)
  const userId = link.userId
  const changed = await withScope(services.db, { tokenHash, userId }, async (tx) => {
    if (!(await consumeEmailToken(tx, tokenHash, ['password_reset']))) return false
    await proveAddress(tx, userId, passwordHash)
    return true
  })
  if (!changed) throw invalid()
  await revokeEverywhere(services, userId)
}
