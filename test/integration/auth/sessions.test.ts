import { describe, expect, it } from 'vitest'
import { call, expectProblem, signup, type TokenBody } from '../../support/api.ts'

const refresh = (token: string) => call('/v1/auth/refresh', { body: { refresh_token: token } })

describe('refresh-token rotation and logout', () => {
  it('rotates: a refresh gives new tokens and the old refresh token stops working', async () => {
    const account = await signup()
    const res = await refresh(account.tokens.refresh_token)
    expect(res.status).toBe(200)
    const next = (await res.json()) as TokenBody
    expect(next.refresh_token).not.toBe(account.tokens.refresh_token)
    expect((await call('/v1/me', { token: next.access_token })).status).toBe(200)
    expect((await refresh(next.refresh_token)).status).toBe(200)
  })

  it('on reuse of a rotated token revokes the whole family, including the newest token', async () => {
    const account = await signup()
    const next = (await (await refresh(account.tokens.refresh_token)).json()) as TokenBody
    await expectProblem(await refresh(account.tokens.refresh_token), 401, 'token_reused')
    await expectProblem(await refresh(next.refresh_token), 401, 'token_reused')
  })

  it('logout revokes the session family; other sessions of the user survive', async () => {
    const account = await signup()
    const other = (await (
      await call('/v1/auth/login', { body: { email: account.email, password: account.password } })
    ).json()) as TokenBody
    const res = await call('/v1/auth/logout', { method: 'POST', token: account.tokens.access_token })
    expect(res.status).toBe(204)
    await expectProblem(await refresh(account.tokens.refresh_token), 401, 'token_reused')
    expect((await refresh(other.refresh_token)).status).toBe(200)
  })

  it('refuses garbage and foreign-looking refresh tokens without a 500', async () => {
    await expectProblem(await refresh('nonsense'), 401, 'invalid_token')
    const fake = `aos_rt_${'0'.repeat(32)}_${'A'.repeat(43)}`
    await expectProblem(await refresh(fake), 401, 'invalid_token')
  })
})
