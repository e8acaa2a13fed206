import { withScope } from '../../adapters/db/client.ts'
import { findUserByEmail } from '../../adapters/db/tenancy-repo.ts'
import { passwordResetEmail } from '../../core/auth/emails.ts'
import type { Services } from '../container.ts'
import { emailPasswordLink } from './email-links.ts'
import { limitAttempts } from './limit-attempts.ts'

/** Emails a single-use reset link when the address has an account; the caller learns nothing either way. */
export async function requestPasswordReset(services: Services, input: { email: string; ip: string }) {
  const { email } = input
  await limitAttempts(services, 'password-reset', email, input.ip)
  const user = await withScope(services.db, { loginEmail: email }, (tx) => findUserByEmail(tx, email))
  if (user) await emailPasswordLink(services, user, passwordResetEmail)
}
