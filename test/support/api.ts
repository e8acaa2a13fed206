import { exports } from 'cloudflare:workers'
import { expect } from 'vitest'

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
        ? { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }
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

export async function signup(
  tenantName = 'Acme',
  email = uniqueEmail(),
  password = 'correct horse battery',
): Promise<Account> {
  const res = await call('/v1/auth/signup', { body: { email, password, tenant_name: tenantName } })
  expect(res.status).toBe(201)
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
