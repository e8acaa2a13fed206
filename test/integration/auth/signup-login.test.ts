import { describe, expect, it } from 'vitest'
import { call, emailedToken, expectProblem, inbox, login, signup, uniqueEmail } from '../../support/api.ts'

describe('sign-up and log-in', () => {
  it('signs up a tenant owner with an RFC 6749 token body, and /v1/me describes them', async () => {
    const account = await signup('Acme Analytics')
    expect(account.tokens.token_type).toBe('Bearer')
    expect(account.tokens.expires_in).toBe(900)
    expect(account.tokens.refresh_token).toMatch(/^aos_rt_/)
    const me = await call('/v1/me', { token: account.tokens.access_token })
    expect(me.status).toBe(200)
    expect(await me.json()).toEqual({
      user: { id: account.userId, email: account.email },
      tenant: { id: account.tenantId, name: 'Acme Analytics' },
      role: 'owner',
      auth: 'access_token',
    })
  })

  it('logs in with the same credentials, email case-insensitively', async () => {
    const account = await signup()
    const res = await login(account.email.toUpperCase(), account.password)
    expect(res.status).toBe(200)
    const body = (await res.json()) as { access_token: string; tenant_id: string }
    expect(body.tenant_id).toBe(account.tenantId)
  })

  it('answers a wrong password and an unknown email identically (no user enumeration)', async () => {
    const account = await signup()
    const wrong = await expectProblem(await login(account.email, 'not the password'), 401, 'invalid_credentials')
    const unknown = await expectProblem(await login(uniqueEmail('ghost'), 'whatever1'), 401, 'invalid_credentials')
    const visible = ({ type, title, status, detail }: typeof wrong) => ({ type, title, status, detail })
    expect(visible(wrong)).toEqual(visible(unknown))
  })

  it('lets one user own several tenants and pick one at login; a foreign tenant id is refused', async () => {
    const first = await signup('First Co')
    const again = await call('/v1/auth/signup', {
      body: { email: first.email, password: first.password, tenant_name: 'Second Co' },
    })
    expect(again.status).toBe(202)
    const opened = await call('/v1/auth/verify-email', {
      body: { token: await emailedToken(first.email, '/verify-email') },
    })
    const second = ((await opened.json()) as { tenant_id: string }).tenant_id
    expect(second).not.toBe(first.tenantId)

    const picked = await login(first.email, first.password, second)
    const me = await call('/v1/me', { token: ((await picked.json()) as { access_token: string }).access_token })
    expect(((await me.json()) as { tenant: { name: string } }).tenant.name).toBe('Second Co')

    const outsider = await signup('Outsider')
    await expectProblem(await login(first.email, first.password, outsider.tenantId), 401, 'invalid_credentials')
  })

  it('a second sign-up for an existing email with another password creates nothing', async () => {
    const account = await signup()
    const res = await call('/v1/auth/signup', {
      body: { email: account.email, password: 'a different pass phrase', tenant_name: 'Hijack' },
    })
    expect(res.status).toBe(202)
    const [newest] = await inbox(account.email)
    expect(newest?.subject).toMatch(/tried to sign up/i)
    expect(newest?.text).not.toContain('/verify-email?token')
    await expectProblem(await login(account.email, 'a different pass phrase'), 401, 'invalid_credentials')
    const mine = (await (await call('/v1/me/tenants', { token: account.tokens.access_token })).json()) as {
      data: unknown[]
    }
    expect(mine.data).toHaveLength(1)
  })

  it('lists every invalid field in a validation problem', async () => {
    const res = await call('/v1/auth/signup', { body: { email: 'not-an-email', password: 'short' } })
    const problem = await expectProblem(res, 400, 'validation_failed')
    expect(problem.errors?.map((e) => e.path).sort()).toEqual(['email', 'password', 'tenant_name'])
  })

  it('rejects malformed JSON, a missing body and a non-JSON content type with 4xx problems', async () => {
    await expectProblem(await call('/v1/auth/login', { body: '{"email": ' }), 400, 'bad_request')
    const noBody = await call('/v1/auth/login', { method: 'POST' })
    expect(noBody.status).toBeGreaterThanOrEqual(400)
    expect(noBody.status).toBeLessThan(500)
    const text = await call('/v1/auth/login', { body: 'email=a', headers: { 'content-type': 'text/plain' } })
    expect(text.status).toBeGreaterThanOrEqual(400)
    expect(text.status).toBeLessThan(500)
  })

  it('rate-limits repeated log-in attempts on one account with Retry-After', async () => {
    const account = await signup()
    const statuses: number[] = []
    for (let i = 0; i < 6; i++) statuses.push((await login(account.email, 'wrong password')).status)
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401])
    const limited = await login(account.email, account.password)
    const problem = await expectProblem(limited, 429, 'rate_limited')
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(problem.detail).toMatch(/Wait \d+ s/)
  })
})
