import { exports } from 'cloudflare:workers'
import { expect, inject } from 'vitest'

/** Each test file gets its own client IP so per-IP login limits never couple files. */
const fileIp = `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`

export interface CallOptions {
  method?: string
  token?: string
  body?: unknown
  headers?: Record<string, string>
}

export function call(path: string, options: CallOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { 'cf-connecting-ip': fileIp, ...options.headers }
  if (options.token) headers.authorization = `Bearer ${options.token}`
  if (options.body !== undefined) headers['content-type'] ??= 'application/json'
  return exports.default.fetch(
    new Request(`http://aos.test${path}`, {
      method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
      headers,
      ...(options.body !== undefined
        ? {
            body:
              typeof options.body === 'string' || options.body instanceof Uint8Array
                ? (options.body as string | Uint8Array<ArrayBuffer>)
                : JSON.stringify(options.body),
          }
        : {}),
    }),
  )
}

export const uniqueEmail = (label = 'user') => `${label}-${crypto.randomUUID().slice(0, 12)}@example.com`

export interface TokenBody {
  access_token: string
  refresh_token: string
  token_type: string
  expires_in: number
  tenant_id: string
}

export interface Account {
  email: string
  password: string
  tenantId: string
  userId: string
  tokens: TokenBody
}

export interface Mail {
  to: string
  subject: string
  text: string
  html: string
}

/** Messages the mailbox stand-in received for `to`, newest first. */
export async function inbox(to: string): Promise<Mail[]> {
  const res = await fetch(`${inject('harnessUrl')}/mailbox/messages?to=${encodeURIComponent(to)}`)
  expect(res.status).toBe(200)
  return ((await res.json()) as { data: Mail[] }).data
}

/** The token of the newest emailed link to `page` (e.g. `/verify-email`) sent to `to`. */
export async function emailedToken(to: string, page: string): Promise<string> {
  for (const mail of await inbox(to)) {
    const match = new RegExp(`${page}\\?token=([^\\s"&<]+)`).exec(mail.text)
    if (match?.[1]) return decodeURIComponent(match[1])
  }
  throw new Error(`no email to ${to} with a ${page} link`)
}

/** Signs up the way a person does: the form, then the link in the email. */
export async function signup(
  tenantName = 'Acme',
  email = uniqueEmail(),
  password = 'correct horse battery',
): Promise<Account> {
  const started = await call('/v1/auth/signup', { body: { email, password, tenant_name: tenantName } })
  expect(started.status).toBe(202)
  const res = await call('/v1/auth/verify-email', { body: { token: await emailedToken(email, '/verify-email') } })
  expect(res.status).toBe(200)
  const tokens = (await res.json()) as TokenBody
  const me = (await (await call('/v1/me', { token: tokens.access_token })).json()) as { user: { id: string } }
  return { email, password, tenantId: tokens.tenant_id, userId: me.user.id, tokens }
}

/**
 * Makes someone a member the only way there is: an admin's invitation, accepted from the emailed
 * link (creating the account, or signing in to an existing one with `password`).
 */
export async function addMember(
  adminToken: string,
  options: { role?: string; email?: string; password?: string } = {},
): Promise<Account> {
  const email = options.email ?? uniqueEmail(options.role ?? 'member')
  const password = options.password ?? 'member pass phrase'
  const invited = await call('/v1/invitations', { token: adminToken, body: { email, role: options.role ?? 'member' } })
  expect(invited.status).toBe(201)
  const token = await emailedToken(email, '/accept-invite')
  const res = await call('/v1/auth/accept-invitation', { body: { token, password } })
  expect(res.status).toBe(200)
  const tokens = (await res.json()) as TokenBody
  const me = (await (await call('/v1/me', { token: tokens.access_token })).json()) as { user: { id: string } }
  return { email, password, tenantId: tokens.tenant_id, userId: me.user.id, tokens }
}

export async function login(email: string, password: string, tenantId?: string) {
  return call('/v1/auth/login', { body: { email, password, ...(tenantId ? { tenant_id: tenantId } : {}) } })
}

/** Asserts an RFC 9457 body with the given status and stable type, and returns it. */
export async function expectProblem(res: Response, status: number, code: string) {
  expect(res.status).toBe(status)
  expect(res.headers.get('content-type')).toContain('application/problem+json')
  const body = (await res.json()) as {
    type: string
    title: string
    status: number
    detail: string
    errors?: { path: string; message: string }[]
  }
  expect(body.type).toBe(`https://autonomos.dev/problems/${code.replaceAll('_', '-')}`)
  expect(body.status).toBe(status)
  expect(body.detail.length).toBeGreaterThan(10)
  return body
}
