import { withScope } from '../../adapters/db/client.ts'
import { findUserByEmail } from '../../adapters/db/tenancy-repo.ts'
import { hashPassword, verifyPassword } from '../../adapters/passwords.ts'
import { accountExistsEmail, newWorkspaceEmail, signupEmail } from '../../core/auth/emails.ts'
import type { Services } from '../container.ts'
import { consoleLink, consolePage, issueEmailLink, SIGNUP_LINK_HOURS, sendEmail } from './email-links.ts'
import { limitAttempts } from './limit-attempts.ts'
import { assertStrongPassword } from './password-rules.ts'

/**
 * Emails a link that confirms the address; nothing is created until it is opened (verifyEmail). What
 * the caller sees is the same whether or not the address has an account: an existing account is
 * emailed instead (a new workspace when its password was given, else a note that someone tried).
 */
export async function startSignup(
  services: Services,
  input: { email: string; password: string; tenantName: string; ip: string },
) {
  const { email, password, tenantName } = input
  await limitAttempts(services, 'signup', email, input.ip)
  assertStrongPassword(password, [email, tenantName])

  const existing = await withScope(services.db, { loginEmail: email }, (tx) => findUserByEmail(tx, email))
  const ttl = SIGNUP_LINK_HOURS * 3600
  if (existing?.emailVerifiedAt) {
    // Verifying costs what hashing costs, so timing does not tell the two cases apart either.
    if (await verifyPassword(password, existing.passwordHash)) {
      const token = await issueEmailLink(
        services,
        { purpose: 'signup', email, userId: existing.id, data: { tenant_name: tenantName } },
        ttl,
      )
      await sendEmail(
        services,
        email,
        newWorkspaceEmail(consoleLink(services, '/verify-email', token), tenantName, SIGNUP_LINK_HOURS),
      )
    } else {
      await sendEmail(services, email, accountExistsEmail(consolePage(services, '/login')))
    }
  } else {
    // A new address, or an account nobody ever proved: the password travels with the link, so only
    // whoever opens it (the address's owner) makes it the account's password.
    const passwordHash = await hashPassword(password)
    const token = await issueEmailLink(
      services,
      {
        purpose: 'signup',
        email,
        userId: existing?.id ?? null,
        data: { tenant_name: tenantName, password_hash: passwordHash },
      },
      ttl,
    )
    await sendEmail(
      services,
      email,
      signupEmail(consoleLink(services, '/verify-email', token), tenantName, SIGNUP_LINK_HOURS),
    )
  }
}
