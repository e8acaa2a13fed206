import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { type Account, call, login, signup } from '../../support/api.ts'

const expectHardened = (res: Response) => {
  expect(res.headers.get('x-content-type-options')).toBe('nosniff')
  expect(res.headers.get('x-frame-options')).toBe('DENY')
  expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
}

const sha256 = async (text: string) =>
  btoa(String.fromCharCode(...new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)))))

describe('security headers', () => {
  let owner: Account
  beforeAll(async () => {
    owner = await signup('Headers Co')
  })

  it('are on API answers, errors and unknown routes, with a policy that loads nothing', async () => {
    for (const res of [
      await call('/healthz'),
      await call('/v1/me'),
      await call('/nope'),
      await call('/openapi.json'),
    ]) {
      expectHardened(res)
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'")
    }
  })

  it('keep every answer carrying a token or key out of caches, failures included', async () => {
    const token = owner.tokens.access_token
    const answers = {
      login: await login(owner.email, owner.password),
      'failed login': await login(owner.email, 'not the password'),
      refresh: await call('/v1/auth/refresh', { body: { refresh_token: owner.tokens.refresh_token } }),
      'key created': await call('/v1/api-keys', { token, body: { name: 'ci' } }),
      'keys listed': await call('/v1/api-keys', { token }),
      'stream token': await call('/v1/events/stream-token', { token, body: {} }),
    }
    for (const [name, res] of Object.entries(answers)) {
      expect(res.status, name).toBeLessThan(500)
      expect(res.headers.get('cache-control'), name).toBe('no-store')
      expectHardened(res)
    }
    expect((await call('/v1/me', { token })).headers.get('cache-control')).toBeNull()
  })

  it('give /docs a policy that allows no inline script and no framing', async () => {
    const res = await call('/docs')
    expectHardened(res)
    const policy = res.headers.get('content-security-policy') ?? ''
    expect(policy).toContain("default-src 'self'")
    expect(policy).not.toMatch(/script-src[^;]*unsafe/)
  })

  it("give the console's pages a policy that allows exactly their own inline scripts and DuckDB's wasm", async () => {
    for (const path of ['/', '/login', '/streams/some-id/preview']) {
      const res = await env.ASSETS.fetch(new Request(`http://aos.test${path}`))
      expect(res.status, path).toBe(200)
      expectHardened(res)
      const policy = res.headers.get('content-security-policy') ?? ''
      const scriptSrc = policy.split('; ').find((d) => d.startsWith('script-src ')) ?? ''
      expect(scriptSrc).toContain("'wasm-unsafe-eval'")
      expect(scriptSrc).not.toContain("'unsafe-inline'")
      const inline = [...(await res.text()).matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)]
      expect(inline.length).toBeGreaterThan(0)
      for (const [, body] of inline) expect(scriptSrc).toContain(`'sha256-${await sha256(body ?? '')}'`)
    }
    const asset = await env.ASSETS.fetch(new Request('http://aos.test/favicon.svg'))
    expect(asset.headers.get('x-content-type-options')).toBe('nosniff')
  })
})
