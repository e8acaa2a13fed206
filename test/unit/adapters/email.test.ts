import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFakeMail, type MailboxMessage } from '../../../dev/vendors/mail.ts'
import { type Route, serveRoutes } from '../../../dev/vendors/vendor-routes.ts'
import { freePort } from '../../../scripts/lib/free-port.ts'
import { createMailer, EmailError } from '../../../workers/adapters/email.ts'
import { ConfigSchema } from '../../../workers/env.ts'

const KEY = 'key-unit-7f3a9c'
const FROM = 'AutonomOS <no-reply@autonomos.local>'
let server: Awaited<ReturnType<typeof serveRoutes>>
let requests = 0

/** Counts provider calls, then lets the mail stand-in answer. */
const counter: Route = async () => {
  requests++
  return false
}
/** A provider that echoes the key and an address in its error, as a careless one might. */
const leaky: Route = async (req, res) => {
  if (req.url !== '/leaky/emails') return false
  res.writeHead(422, { 'content-type': 'application/json' }).end(
    JSON.stringify({
      statusCode: 422,
      name: 'validation_error',
      message: `key ${KEY} may not send to ada@example.com`,
    }),
  )
  return true
}

beforeAll(async () => {
  server = await serveRoutes(await freePort(), [counter, leaky, createFakeMail({ apiKey: KEY })])
})
afterAll(() => server.stop())

const mailer = (provider: 'resend' | 'postmark', overrides: { url?: string; key?: string } = {}) =>
  createMailer({
    EMAIL_PROVIDER: provider,
    EMAIL_API_URL: overrides.url ?? `${server.url}/${provider}`,
    EMAIL_API_KEY: overrides.key ?? KEY,
    EMAIL_FROM: FROM,
  })
const message = (to: string) => ({
  to,
  subject: 'Verify your email',
  text: 'Open http://aos.test/verify?token=t',
  html: '<a href="http://aos.test/verify?token=t">Verify</a>',
})
async function inbox(to: string) {
  const res = await fetch(`${server.url}/mailbox/messages?to=${encodeURIComponent(to)}`)
  return ((await res.json()) as { data: MailboxMessage[] }).data
}
const unique = (name: string) => `${name}-${crypto.randomUUID().slice(0, 8)}@example.com`
async function sendError(send: Promise<void>): Promise<EmailError> {
  const error = await send.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(EmailError)
  return error as EmailError
}

describe('createMailer', () => {
  it.each(['resend', 'postmark'] as const)('delivers through %s', async (provider) => {
    const to = unique(provider)
    await mailer(provider).send(message(to))
    expect(await inbox(to)).toMatchObject([{ provider, from: FROM, ...message(to) }])
  })

  it('retries once after a 5xx and delivers', async () => {
    const to = unique('retry')
    await fetch(`${server.url}/mailbox/fail-next`, { method: 'POST', body: JSON.stringify({ to, status: 503 }) })
    const before = requests
    await mailer('resend').send(message(to))
    expect(requests - before).toBe(2)
    expect(await inbox(to)).toHaveLength(1)
  })

  it('retries a 429 from Postmark too, but only once', async () => {
    const to = unique('twice')
    for (const status of [429, 500])
      await fetch(`${server.url}/mailbox/fail-next`, { method: 'POST', body: JSON.stringify({ to, status }) })
    const before = requests
    const error = await sendError(mailer('postmark').send(message(to)))
    expect(requests - before).toBe(2)
    expect(error.status).toBe(500)
    expect(error.message).toBe('Postmark answered 500: The Postmark API is offline for maintenance.')
    expect(await inbox(to)).toEqual([])
  })

  it('raises EmailError with the status, never the key, when the provider refuses the key', async () => {
    const wrongKey = 'wrong-key-0d9e1b'
    const postmark = await sendError(mailer('postmark', { key: wrongKey }).send(message(unique('refused'))))
    expect(postmark.status).toBe(401)
    expect(postmark.message).toMatch(/^Postmark answered 401: /)
    expect(postmark.message).not.toContain(wrongKey)
    const resend = await sendError(mailer('resend', { key: wrongKey }).send(message(unique('refused'))))
    expect(resend.message).toBe('Resend answered 403: API key is invalid')
  })

  it('masks a key or an address the provider echoes back', async () => {
    const error = await sendError(mailer('resend', { url: `${server.url}/leaky` }).send(message('ada@example.com')))
    expect(error.status).toBe(422)
    expect(error.message).toBe('Resend answered 422: key [redacted] may not send to [email]')
  })

  it('raises EmailError when the provider cannot be reached', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`
    const error = await sendError(mailer('resend', { url: closed }).send(message(unique('nobody'))))
    expect(error.status).toBeUndefined()
    expect(error.message).toMatch(/^Resend unreachable: /)
  })
})

describe('email configuration', () => {
  const required = {
    DATABASE_URL: 'postgres://x',
    UPSTASH_REDIS_REST_URL: 'http://127.0.0.1:1',
    UPSTASH_REDIS_REST_TOKEN: 't',
    JWT_PRIVATE_JWK: '{}',
    DATA_ENCRYPTION_KEY: btoa('k'.repeat(32)),
  }

  it('requires EMAIL_API_KEY by name and defaults the rest', () => {
    const missing = ConfigSchema.safeParse(required)
    expect(missing.success).toBe(false)
    expect(missing.error?.issues.map((i) => i.path.join('.'))).toEqual(['EMAIL_API_KEY'])
    const config = ConfigSchema.parse({ ...required, EMAIL_API_KEY: KEY })
    expect(config).toMatchObject({
      EMAIL_PROVIDER: 'resend',
      EMAIL_FROM: 'AutonomOS <no-reply@autonomos.local>',
      APP_URL: 'http://127.0.0.1:8787',
    })
    expect(config.EMAIL_API_URL).toBeUndefined()
  })

  it('checks the provider and the URLs', () => {
    const parsed = ConfigSchema.parse({ ...required, EMAIL_API_KEY: KEY, APP_URL: 'https://console.example.com/' })
    expect(parsed.APP_URL).toBe('https://console.example.com')
    for (const bad of [{ EMAIL_PROVIDER: 'sendgrid' }, { EMAIL_API_URL: 'ftp://x' }, { APP_URL: 'not a url' }])
      expect(ConfigSchema.safeParse({ ...required, EMAIL_API_KEY: KEY, ...bad }).success).toBe(false)
  })
})
