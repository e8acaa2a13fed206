import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'

/** A message as the mailbox read API returns it. */
export interface MailboxMessage {
  id: string
  provider: 'resend' | 'postmark'
  /** Recipients, comma-separated as sent. */
  to: string
  from: string
  subject: string
  text: string
  html: string
  received_at: string
}

type Stored = MailboxMessage & { recipients: string[] }
type Reply = { status: number; body: unknown }
type Failure = { to?: string; status: number }

/** `Ada <ada@example.com>` → `ada@example.com`, so recipients compare as addresses. */
const address = (value: string) => (/<([^>]+)>/.exec(value)?.[1] ?? value).trim().toLowerCase()

const isString = (value: unknown): value is string => typeof value === 'string'
const hasText = (value: unknown): value is string => isString(value) && value.trim() !== ''

function parseObject(body: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body)
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}

const resendError = (status: number, name: string, message: string): Reply => ({
  status,
  body: { statusCode: status, name, message },
})
const postmarkError = (status: number, code: number, message: string): Reply => ({
  status,
  body: { ErrorCode: code, Message: message },
})

/**
 * A stand-in for two transactional email APIs, used by tests and by `npm start` (emails never leave the
 * machine):
 * - Resend: `POST /resend/emails` (`Authorization: Bearer KEY`, `{from, to, subject, html?, text?}`) →
 *   `{id}`; errors as `{statusCode, name, message}`.
 * - Postmark: `POST /postmark/email` (`X-Postmark-Server-Token`, `{From, To, Subject, HtmlBody?,
 *   TextBody?, MessageStream?}`) → `{To, SubmittedAt, MessageID, ErrorCode: 0, Message: 'OK'}`; errors as
 *   `{ErrorCode, Message}`.
 * - `GET /mailbox/messages?to=ADDRESS` → `{data: [...]}`, newest first, recipient matched case-insensitively.
 * - `GET /mailbox`: the dev inbox page (`?to=` filters).
 * - `POST /mailbox/fail-next` `{to?, status?}`: the next send (to that recipient, if given) answers
 *   `status` (429 or 5xx, default 500) in the provider's error shape.
 * With `apiKey`, only that key is accepted (another one is refused as the provider would); without it,
 * any non-empty key is. The last `limit` messages are kept, in memory.
 */
export function createFakeMail(
  options: { apiKey?: string; limit?: number; onMail?: (m: MailboxMessage) => void } = {},
) {
  const limit = options.limit ?? 500
  const stored: Stored[] = []
  const failures: Failure[] = []

  function deliver(message: Omit<Stored, 'id' | 'received_at'>) {
    const entry: Stored = { ...message, id: randomUUID(), received_at: new Date().toISOString() }
    stored.push(entry)
    if (stored.length > limit) stored.splice(0, stored.length - limit)
    const { recipients: _, ...visible } = entry
    options.onMail?.(visible)
    return entry
  }

  /** Takes the first pending failure that applies to these recipients. */
  function takeFailure(recipients: string[]): Failure | undefined {
    const index = failures.findIndex((f) => f.to === undefined || recipients.includes(f.to))
    return index < 0 ? undefined : failures.splice(index, 1)[0]
  }

  function list(to: string | null) {
    const wanted = to ? address(to) : undefined
    return stored
      .filter((m) => wanted === undefined || m.recipients.includes(wanted))
      .reverse()
      .map(({ recipients: _, ...visible }) => visible)
  }

  function resend(req: IncomingMessage, raw: string): Reply {
    const auth = req.headers.authorization
    if (!auth) return resendError(401, 'missing_api_key', 'Missing API key in the authorization header')
    const key = /^Bearer (.+)$/.exec(auth)?.[1]
    if (!key || (options.apiKey !== undefined && key !== options.apiKey))
      return resendError(403, 'invalid_api_key', 'API key is invalid')
    const body = parseObject(raw)
    if (!body) return resendError(422, 'validation_error', 'Invalid JSON body')
    for (const field of ['from', 'to', 'subject'])
      if (body[field] === undefined) return resendError(422, 'missing_required_field', `Missing \`${field}\` field.`)
    const to = isString(body.to) ? [body.to] : body.to
    if (!Array.isArray(to) || to.length === 0 || to.length > 50 || !to.every(hasText))
      return resendError(422, 'validation_error', 'Invalid `to` field. Give 1 to 50 email addresses.')
    if (!hasText(body.from) || !isString(body.subject))
      return resendError(422, 'validation_error', 'Invalid `from` or `subject` field.')
    if (!isString(body.html) && !isString(body.text))
      return resendError(422, 'validation_error', 'Missing `html` or `text` field.')
    const recipients = to.map(address)
    const failure = takeFailure(recipients)
    if (failure)
      return failure.status === 429
        ? resendError(429, 'rate_limit_exceeded', 'Too many requests. Please limit the number of requests per second.')
        : resendError(failure.status, 'application_error', 'An unexpected error occurred, please try again later.')
    const entry = deliver({
      provider: 'resend',
      to: to.join(', '),
      recipients,
      from: body.from,
      subject: body.subject,
      text: isString(body.text) ? body.text : '',
      html: isString(body.html) ? body.html : '',
    })
    return { status: 200, body: { id: entry.id } }
  }

  function postmark(req: IncomingMessage, raw: string): Reply {
    const token = req.headers['x-postmark-server-token']
    if (!isString(token) || token === '' || (options.apiKey !== undefined && token !== options.apiKey))
      return postmarkError(
        401,
        10,
        'Request does not contain a valid Server token. Please check that your X-Postmark-Server-Token header is correct.',
      )
    const body = parseObject(raw)
    if (!body) return postmarkError(422, 402, 'Received invalid JSON input.')
    if (!hasText(body.From)) return postmarkError(422, 300, "Invalid 'From' address: ''.")
    const to = isString(body.To) ? body.To : ''
    const recipients = to.split(',').map(address).filter(Boolean)
    if (recipients.length === 0) return postmarkError(422, 300, 'Zero recipients specified')
    if (recipients.length > 50) return postmarkError(422, 300, 'Maximum of 50 recipients allowed.')
    if (!hasText(body.HtmlBody) && !hasText(body.TextBody))
      return postmarkError(422, 300, 'Provide either email TextBody or HtmlBody or both.')
    if (body.MessageStream !== undefined && body.MessageStream !== 'outbound')
      return postmarkError(422, 1235, "The message stream for the provided 'ID' was not found.")
    const failure = takeFailure(recipients)
    if (failure)
      return failure.status === 429
        ? postmarkError(429, 429, 'Rate Limit Exceeded')
        : postmarkError(failure.status, 100, 'The Postmark API is offline for maintenance.')
    const entry = deliver({
      provider: 'postmark',
      to,
      recipients,
      from: body.From,
      subject: isString(body.Subject) ? body.Subject : '',
      text: isString(body.TextBody) ? body.TextBody : '',
      html: isString(body.HtmlBody) ? body.HtmlBody : '',
    })
    return {
      status: 200,
      body: { To: to, SubmittedAt: entry.received_at, MessageID: entry.id, ErrorCode: 0, Message: 'OK' },
    }
  }

  function failNext(raw: string): Reply {
    const body = raw.trim() === '' ? {} : parseObject(raw)
    const status = body?.status ?? 500
    const to = body?.to
    if (
      !body ||
      typeof status !== 'number' ||
      !(status === 429 || (status >= 500 && status <= 599)) ||
      (to !== undefined && !hasText(to))
    )
      return { status: 400, body: { error: 'expected {to?: address, status?: 429 | 5xx}' } }
    failures.push({ status, ...(to === undefined ? {} : { to: address(to) }) })
    return { status: 200, body: { pending: failures.length } }
  }

  return async function fakeMail(req: IncomingMessage, res: ServerResponse, body: string): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://stand-in')
    const json = (reply: Reply) =>
      res.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify(reply.body))
    const post = (handle: () => Reply) =>
      json(req.method === 'POST' ? handle() : { status: 405, body: { error: 'method not allowed' } })
    switch (url.pathname) {
      case '/resend/emails':
        post(() => resend(req, body))
        return true
      case '/postmark/email':
        post(() => postmark(req, body))
        return true
      case '/mailbox/fail-next':
        post(() => failNext(body))
        return true
      case '/mailbox/messages':
        json({ status: 200, body: { data: list(url.searchParams.get('to')) } })
        return true
      case '/mailbox':
        res
          .writeHead(200, {
            'content-type': 'text/html; charset=utf-8',
            // The page shows other people's HTML: nothing in it may run a script or load anything.
            'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
          })
          .end(inboxPage(list(url.searchParams.get('to')), url.searchParams.get('to') ?? ''))
        return true
      default:
        return false
    }
  }
}

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c)

/** Escaped text with its http(s) links made clickable. */
const linkify = (text: string) =>
  text
    .split(/(https?:\/\/[^\s<>"']+)/)
    .map((part, i) =>
      i % 2 === 1
        ? `<a href="${escapeHtml(part)}" target="_blank" rel="noopener noreferrer">${escapeHtml(part)}</a>`
        : escapeHtml(part),
    )
    .join('')

function inboxPage(messages: MailboxMessage[], filter: string) {
  const items = messages.map(
    (m) => `<article>
  <h2>${escapeHtml(m.subject || '(no subject)')}</h2>
  <p class="meta">to <b>${escapeHtml(m.to)}</b> · from ${escapeHtml(m.from)} · ${escapeHtml(m.received_at)} · ${m.provider}</p>
  ${m.text ? `<pre>${linkify(m.text)}</pre>` : ''}
  ${
    // A sandboxed frame renders the HTML body without its scripts; links open in a new tab.
    m.html
      ? `<iframe title="HTML body" sandbox="allow-popups allow-popups-to-escape-sandbox" srcdoc="${escapeHtml(`<base target="_blank">${m.html}`)}"></iframe>`
      : ''
  }
</article>`,
  )
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Dev inbox</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:900px;margin:2rem auto;padding:0 1rem;color:#222}
article{border:1px solid #ddd;border-radius:8px;padding:.5rem 1rem;margin:1rem 0}
h2{font-size:1.1rem;margin:.3rem 0}.meta{color:#666;margin:0 0 .5rem}
pre{white-space:pre-wrap;background:#f6f6f6;padding:.5rem;border-radius:4px}
iframe{width:100%;height:260px;border:1px solid #eee;resize:vertical}
</style></head><body>
<h1>Dev inbox</h1>
<form method="get"><input name="to" placeholder="recipient" value="${escapeHtml(filter)}"> <button>Filter</button>
<a href="/mailbox${filter ? `?to=${encodeURIComponent(filter)}` : ''}">Refresh</a></form>
<p>${messages.length} message${messages.length === 1 ? '' : 's'}, newest first. Emails sent by the local stack land here, not in real inboxes.</p>
${items.join('\n') || '<p><i>No messages yet.</i></p>'}
</body></html>`
}
