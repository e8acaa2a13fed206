import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFakeMail, type MailboxMessage } from '../../../dev/vendors/mail.ts'
import { serveRoutes } from '../../../dev/vendors/vendor-routes.ts'
import { freePort } from '../../../scripts/lib/free-port.ts'

const KEY = 're_unit_key'
let server: Awaited<ReturnType<typeof serveRoutes>>

beforeAll(async () => {
  server = await serveRoutes(await freePort(), [createFakeMail({ apiKey: KEY })])
})
afterAll(() => server.stop())

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}
/** `null` sends no key at all. */
const resend = (body: unknown, key: string | null = KEY) =>
  post('/resend/emails', body, key === null ? {} : { authorization: `Bearer ${key}` })
const postmark = (body: unknown, token: string | null = KEY) =>
  post('/postmark/email', body, token === null ? {} : { 'x-postmark-server-token': token })
async function inbox(to: string) {
  const res = await fetch(`${server.url}/mailbox/messages?to=${encodeURIComponent(to)}`)
  return ((await res.json()) as { data: MailboxMessage[] }).data
}
const unique = (name: string) => `${name}-${crypto.randomUUID().slice(0, 8)}@example.com`

describe('mail stand-in: Resend API', () => {
  it('accepts a message and answers with its id', async () => {
    const to = unique('ada')
    const res = await resend({ from: 'AutonomOS <no-reply@aos.test>', to: [to], subject: 'Hi', html: '<p>x</p>' })
    expect(res.status).toBe(200)
    expect(res.body.id).toMatch(/^[0-9a-f-]{36}$/)
    const [message, ...rest] = await inbox(to)
    expect(rest).toEqual([])
    expect(message).toMatchObject({ id: res.body.id, to, from: 'AutonomOS <no-reply@aos.test>', subject: 'Hi' })
    expect(message).toMatchObject({ html: '<p>x</p>', text: '', provider: 'resend' })
  })

  it('answers like Resend when the key is missing or wrong', async () => {
    const email = { from: 'a@aos.test', to: unique('nokey'), subject: 'x', text: 'x' }
    expect(await resend(email, null)).toEqual({
      status: 401,
      body: { statusCode: 401, name: 'missing_api_key', message: 'Missing API key in the authorization header' },
    })
    expect(await resend(email, 're_other')).toMatchObject({ status: 403, body: { name: 'invalid_api_key' } })
    expect(await inbox(email.to)).toEqual([])
  })

  it('refuses a message without a required field or a body', async () => {
    expect(await resend({ from: 'a@aos.test', subject: 'x', text: 'x' })).toMatchObject({
      status: 422,
      body: { statusCode: 422, name: 'missing_required_field', message: 'Missing `to` field.' },
    })
    expect(await resend({ from: 'a@aos.test', to: 'b@aos.test', subject: 'x' })).toMatchObject({
      status: 422,
      body: { name: 'validation_error' },
    })
    expect(await resend('{not json')).toMatchObject({ status: 422, body: { name: 'validation_error' } })
  })
})

describe('mail stand-in: Postmark API', () => {
  it('accepts a message with Postmark’s success body', async () => {
    const to = unique('grace')
    const res = await postmark({
      From: 'no-reply@aos.test',
      To: to,
      Subject: 'Reset',
      TextBody: 'go',
      HtmlBody: '<b>go</b>',
      MessageStream: 'outbound',
    })
    expect(res).toMatchObject({ status: 200, body: { To: to, ErrorCode: 0, Message: 'OK' } })
    expect(await inbox(to)).toMatchObject([{ id: res.body.MessageID, subject: 'Reset', text: 'go', html: '<b>go</b>' }])
  })

  it('answers 401 with ErrorCode 10 without a valid server token', async () => {
    const email = { From: 'a@aos.test', To: unique('notoken'), Subject: 'x', TextBody: 'x' }
    for (const token of [null, 'wrong']) {
      const res = await postmark(email, token)
      expect(res.status).toBe(401)
      expect(res.body.ErrorCode).toBe(10)
    }
    expect(await inbox(email.To)).toEqual([])
  })

  it('answers 422 with ErrorCode 300 for a missing recipient or body, 1235 for an unknown stream', async () => {
    expect(await postmark({ From: 'a@aos.test', Subject: 'x', TextBody: 'x' })).toEqual({
      status: 422,
      body: { ErrorCode: 300, Message: 'Zero recipients specified' },
    })
    expect(await postmark({ From: 'a@aos.test', To: 'b@aos.test', Subject: 'x' })).toMatchObject({
      status: 422,
      body: { ErrorCode: 300 },
    })
    const stream = { From: 'a@aos.test', To: 'b@aos.test', TextBody: 'x', MessageStream: 'broadcast' }
    expect(await postmark(stream)).toMatchObject({ status: 422, body: { ErrorCode: 1235 } })
  })
})

describe('mailbox', () => {
  it('filters by recipient, case-insensitively and by address, newest first', async () => {
    const to = unique('Filter')
    await resend({ from: 'a@aos.test', to: `Filter Person <${to.toUpperCase()}>`, subject: 'first', text: '1' })
    await postmark({ From: 'a@aos.test', To: `other@example.com, ${to}`, Subject: 'second', TextBody: '2' })
    await resend({ from: 'a@aos.test', to: unique('someone-else'), subject: 'not theirs', text: '3' })
    const messages = await inbox(to.toLowerCase())
    expect(messages.map((m) => m.subject)).toEqual(['second', 'first'])
    expect(messages[0]?.to).toBe(`other@example.com, ${to}`)
    expect(Date.parse(messages[0]?.received_at ?? '')).toBeGreaterThanOrEqual(
      Date.parse(messages[1]?.received_at ?? ''),
    )
  })

  it('keeps only the newest messages past its limit', async () => {
    const small = await serveRoutes(await freePort(), [createFakeMail({ limit: 2 })])
    try {
      for (const subject of ['one', 'two', 'three'])
        await fetch(`${small.url}/resend/emails`, {
          method: 'POST',
          headers: { authorization: 'Bearer any-key' },
          body: JSON.stringify({ from: 'a@aos.test', to: 'b@aos.test', subject, text: subject }),
        })
      const res = await fetch(`${small.url}/mailbox/messages`)
      const { data } = (await res.json()) as { data: MailboxMessage[] }
      expect(data.map((m) => m.subject)).toEqual(['three', 'two'])
    } finally {
      await small.stop()
    }
  })

  it('fails the next send to one recipient with the status asked for, once', async () => {
    const to = unique('fail')
    expect(await post('/mailbox/fail-next', { to, status: 503 })).toMatchObject({ status: 200 })
    const email = { from: 'a@aos.test', to, subject: 'x', text: 'x' }
    const other = await resend({ ...email, to: unique('unaffected') })
    expect(other.status).toBe(200)
    expect(await resend(email)).toMatchObject({ status: 503, body: { statusCode: 503, name: 'application_error' } })
    expect((await resend(email)).status).toBe(200)
    expect(await inbox(to)).toHaveLength(1)
    expect((await post('/mailbox/fail-next', { status: 404 })).status).toBe(400)
  })

  it('shows an inbox page that escapes what it shows and links what is a link', async () => {
    const to = unique('page')
    await resend({
      from: 'a@aos.test',
      to,
      subject: '<script>alert(1)</script>',
      text: 'Verify: http://aos.test/verify?token=a&b=1 "quoted"',
      html: '<p>Go <a href="http://aos.test/verify">verify</a></p><script>alert(2)</script>',
    })
    const res = await fetch(`${server.url}/mailbox?to=${encodeURIComponent(to)}`)
    expect(res.headers.get('content-type')).toContain('text/html')
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'")
    const page = await res.text()
    expect(page).not.toMatch(/<script/i)
    expect(page).toContain('<h2>&lt;script&gt;alert(1)&lt;/script&gt;</h2>')
    expect(page).toContain('<a href="http://aos.test/verify?token=a&amp;b=1" target="_blank"')
    expect(page).toContain('&quot;quoted&quot;')
    // The HTML body is rendered in a sandboxed frame (no scripts), fully escaped inside the attribute.
    expect(page).toMatch(
      /<iframe [^>]*sandbox="allow-popups allow-popups-to-escape-sandbox" srcdoc="[^"]*&lt;a href=&quot;/,
    )
    expect(page).toContain('&lt;script&gt;alert(2)')
  })
})
