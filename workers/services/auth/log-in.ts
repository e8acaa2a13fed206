import { withScope } from '../../adapters/db/client.ts'
import { activeMembershipsOfUser, findUserByEmail } from '../../adapters/db/tenancy-repo.ts'
import { burnVerify, verifyPassword } from '../../adapters/passwords.ts'
import { confirmAddressEmail } from '../../core/auth/emails.ts'
import type { Services } from '../container.ts'
import { ProblemError } from '../problem-error.ts'
import { storeRefreshToken, tokenResponse } from '../sessions/issue-session.ts'
import { emailPasswordLink } from './email-links.ts'
import { limitAttempts } from './limit-attempts.ts'

/** One message for every failure, so the answer never tells whether an account exists. */
const invalid = () =>
  new ProblemError('invalid_credentials', 'Email, password or tenant is not right. Check them and try again.')

/** Signs in with email and password, to `tenantId` or else the oldest active membership. */
export async function logIn(
  services: Services,
  input: { email: string; password: string; tenantId?: string; ip: string },
) {
  const { email, password } = input
  await limitAttempts(services, 'login', email, input.ip)

  const user = await withScope(services.db, { loginEmail: email }, (tx) => findUserByEmail(tx, email))
  const ok = user ? await verifyPassword(password, user.passwordHash) : await burnVerify(password)
  if (!user || !ok) throw invalid()
  if (!user.emailVerifiedAt) {
    // Only whoever holds the inbox may use an account nobody proved; the link makes them choose a password.
    await emailPasswordLink(services, user, confirmAddressEmail)
    throw new ProblemError(
      'email_unverified',
      'This account’s email address was never confirmed. We emailed it a link: open it, choose a password, then sign in.',
    )
  }

  const subject = await withScope(services.db, { userId: user.id }, async (tx) => {
    const memberships = await activeMembershipsOfUser(tx, user.id)
    const chosen = input.tenantId ? memberships.find((m) => m.tenantId === input.tenantId) : memberships[0]
    if (!chosen) return null
    return {
      userId: user.id,
      email: user.email,
      tenantId: chosen.tenantId,
      tenantName: chosen.tenantName,
      role: chosen.role,
    }
  })
  if (!subject) throw invalid()
  const session = await withScope(services.db, { tenantId: subject.tenantId }, (tx) =>
    storeRefreshToken(tx, services, subject),
  )
  return tokenResponse(services, subject, session)
}
