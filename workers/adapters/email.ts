// Account emails (verification, invitations, password reset) through a transactional email API:
// Resend (https://resend.com/docs/api-reference/emails/send-email) or Postmark
// (https://postmarkapp.com/developer/user-guide/send-email-with-api), chosen by EMAIL_PROVIDER.
import type { Config } from '../env.ts'

export interface EmailMessage {
  to: string
  subject: string
  text: string
  html: string
}

export interface Mailer {
  send(message: EmailMessage): Promise<void>
}

/**
 * The provider refused the message or could not be reached. The message is safe to log: it never holds
 * the API key, and email addresses the provider echoes back are masked.
 */
export class EmailError extends Error {
  override name = 'EmailError'
  constructor(
    message: string,
    /** The provider's HTTP status; undefined when it did not answer. */
    readonly status?: number,
  ) {
    super(message)
  }
}

type MailerConfig = Pick<Config, 'EMAIL_PROVIDER' | 'EMAIL_API_URL' | 'EMAIL_API_KEY' | 'EMAIL_FROM'>

interface Provider {
  label: string
  baseUrl: string
  path: string
  headers(key: string, idempotencyKey: string): Record<string, string>
  body(from: string, message: EmailMessage): unknown
  /** The human-readable part of the provider's error body. */
  errorText(body: unknown): unknown
}

const PROVIDERS: Record<Config['EMAIL_PROVIDER'], Provider> = {
  resend: {
    label: 'Resend',
    baseUrl: 'https://api.resend.com',
    path: '/emails',
    // Resend deduplicates on this key, so the retry after a 5xx cannot deliver the email twice.
    headers: (key, idempotencyKey) => ({ authorization: `Bearer ${key}`, 'idempotency-key': idempotencyKey }),
    body: (from, m) => ({ from, to: [m.to], subject: m.subject, html: m.html, text: m.text }),
    errorText: (body) => (body as { message?: unknown } | null)?.message,
  },
  postmark: {
    label: 'Postmark',
    baseUrl: 'https://api.postmarkapp.com',
    path: '/email',
    headers: (key) => ({ 'x-postmark-server-token': key }),
    body: (from, m) => ({
      From: from,
      To: m.to,
      Subject: m.subject,
      HtmlBody: m.html,
      TextBody: m.text,
      MessageStream: 'outbound',
    }),
    errorText: (body) => (body as { Message?: unknown } | null)?.Message,
  },
}

const TIMEOUT_MS = 10_000
const RETRY_AFTER_MS = 500
const EMAIL_ADDRESS = /[^\s@<>"'(),;:]+@[^\s@<>"'(),;:]+/g

export function createMailer(config: MailerConfig): Mailer {
  const provider = PROVIDERS[config.EMAIL_PROVIDER]
  const url = `${(config.EMAIL_API_URL ?? provider.baseUrl).replace(/\/+$/, '')}${provider.path}`
  const key = config.EMAIL_API_KEY
  // Provider text goes into logs: no key (were it ever echoed) and no recipient addresses.
  const safe = (text: string) => text.replaceAll(key, '[redacted]').replace(EMAIL_ADDRESS, '[email]').slice(0, 200)

  return {
    async send(message) {
      const init = {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          ...provider.headers(key, crypto.randomUUID()),
        },
        body: JSON.stringify(provider.body(config.EMAIL_FROM, message)),
      }
      for (let attempt = 1; ; attempt++) {
        let res: Response
        try {
          res = await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) })
        } catch (error) {
          const reason =
            error instanceof Error && error.name === 'TimeoutError'
              ? `no answer within ${TIMEOUT_MS / 1000} s`
              : safe(error instanceof Error ? error.message : String(error))
          throw new EmailError(`${provider.label} unreachable: ${reason}`)
        }
        const raw = await res.text().catch(() => '')
        if (res.ok) return
        if (attempt === 1 && (res.status === 429 || res.status >= 500)) {
          await new Promise((resolve) => setTimeout(resolve, RETRY_AFTER_MS))
          continue
        }
        let detail: unknown
        try {
          detail = provider.errorText(JSON.parse(raw))
        } catch {
          detail = undefined
        }
        throw new EmailError(
          `${provider.label} answered ${res.status}${typeof detail === 'string' && detail ? `: ${safe(detail)}` : ''}`,
          res.status,
        )
      }
    },
  }
}
