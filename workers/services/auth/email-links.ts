import { withScope } from '../../adapters/db/client.ts'
import { type EmailTokenPurpose, insertEmailToken } from '../../adapters/db/email-tokens-repo.ts'
import { EmailError } from '../../adapters/email.ts'
import { hashSecret } from '../../adapters/secrets.ts'
import type { EmailContent } from '../../core/auth/emails.ts'
import { formatEmailLink } from '../../core/auth/secrets.ts'
import type { Services } from '../container.ts'
import { ProblemError } from '../problem-error.ts'

export const SIGNUP_LINK_HOURS = 24
export const RESET_LINK_MINUTES = 60
export const INVITATION_DAYS = 7

/** A console page's absolute URL, for emails. */
export const consolePage = (services: Services, page: string) => `${services.config.APP_URL.replace(/\/$/, '')}${page}`

/** A console page that takes the link's token, e.g. `/verify-email?token=…`. */
export const consoleLink = (services: Services, page: string, token: string) =>
  `${consolePage(services, page)}?token=${encodeURIComponent(token)}`

/** Stores a single-use link token (only its hash) and returns the token to put in the email. */
export async function issueEmailLink(
  services: Services,
  link: { purpose: EmailTokenPurpose; email: string; userId: string | null; data?: Record<string, string> },
  ttlSeconds: number,
): Promise<string> {
  const token = formatEmailLink(crypto.getRandomValues(new Uint8Array(32)))
  const tokenHash = await hashSecret(token)
  await withScope(services.db, { tokenHash }, (tx) =>
    insertEmailToken(tx, {
      purpose: link.purpose,
      email: link.email,
      userId: link.userId,
      tokenHash,
      data: link.data ?? {},
      expiresAt: new Date(Date.now() + ttlSeconds * 1000),
    }),
  )
  return token
}

/**
 * Emails a user a single-use link to choose a password (a reset, or the proof of an address never
 * proved); `render` words the email around the link.
 */
export async function emailPasswordLink(
  services: Services,
  user: { id: string; email: string },
  render: (url: string, minutes: number) => EmailContent,
) {
  const token = await issueEmailLink(
    services,
    { purpose: 'password_reset', email: user.email, userId: user.id },
    RESET_LINK_MINUTES * 60,
  )
  await sendEmail(services, user.email, render(consoleLink(services, '/reset-password', token), RESET_LINK_MINUTES))
}

/** Sends one email; a provider failure is a 503 the caller can retry, never a silent loss. */
export async function sendEmail(services: Services, to: string, content: EmailContent) {
  try {
    await services.mailer.send({ to, ...content })
  } catch (error) {
    if (!(error instanceof EmailError)) throw error
    services.log('error', 'email not sent', { error: error.message })
    throw new ProblemError(
      'unavailable',
      'We could not send the email just now. Nothing was changed; retry in a minute.',
    )
  }
}
