// Redis down is not an outage: requests made through an env whose Upstash URL is a closed port (the rest
// of the stack, and every other test file, keep their Redis). Login still works and is still limited,
// /readyz says `degraded`.
import { createExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { createApp } from '../../workers/api/index.ts'
import { expectProblem, signup } from '../support/api.ts'

const REDIS_DOWN = 'http://127.0.0.1:9'
const ip = `10.99.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`

/** A request to a fresh app whose Redis does not answer. */
function withoutRedis(path: string, init: { method?: string; body?: unknown; token?: string } = {}) {
  const headers: Record<string, string> = { 'cf-connecting-ip': ip }
  if (init.token) headers.authorization = `Bearer ${init.token}`
  if (init.body !== undefined) headers['content-type'] = 'application/json'
  return createApp().request(
    path,
    {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers,
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    },
    { ...env, UPSTASH_REDIS_REST_URL: REDIS_DOWN },
    createExecutionContext(),
  )
}

describe('with Redis down', () => {
  it('/readyz answers 200 `degraded`, naming Redis', async () => {
    const res = await withoutRedis('/readyz')
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({
      status: 'degraded',
      degraded: ['redis'],
      checks: { postgres: { ok: true }, redis: { ok: false } },
    })
  })

  it('logs in, and still limits attempts: per isolate, at half the shared limit', async () => {
    const { email, password } = await signup('Outage Co')
    const login = (pw: string) => withoutRedis('/v1/auth/login', { body: { email, password: pw } })
    expect((await login(password)).status).toBe(200)
    // LOGIN_RATE_LIMIT is 5 in the test stack: 2 attempts per account per minute while Redis is down.
    expect((await login('wrong password here')).status).toBe(401)
    const limited = await login(password)
    await expectProblem(limited, 429, 'rate_limited')
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
  })
})
