// Redis down is not an outage. Two ways to take it away mid-run without touching other test files: a
// request through an env whose Upstash URL is a closed port, and the stand-in's outage switch for one
// tenant's keys, which the queue consumers meet too. Login still works and is still limited, flags come
// from Postgres, a sync succeeds, /readyz says `degraded`.
import { createExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { createApp } from '../../workers/api/index.ts'
import { call, expectProblem, signup } from '../support/api.ts'
import { waitForJob } from '../support/jobs.ts'
import { whileRedisDownFor } from '../support/redis-outage.ts'

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

  it('reads flags from Postgres, the persisted value, not the default', async () => {
    const { tokens } = await signup('Flagged Outage Co')
    const token = tokens.access_token
    await call('/v1/flags/USE_AAM_AS_SOURCE', { method: 'PUT', token, body: { value: true } })
    const res = await withoutRedis('/v1/flags', { token })
    expect(res.status).toBe(200)
    const { data } = (await res.json()) as { data: { name: string; value: boolean; source: string }[] }
    expect(data.find((f) => f.name === 'USE_AAM_AS_SOURCE')).toMatchObject({ value: true, source: 'tenant' })
  })

  it('syncs a file, and the flag read from Postgres still feeds the DCL', async () => {
    const { tokens, tenantId } = await signup('Sync Outage Co')
    const token = tokens.access_token
    await call('/v1/flags/USE_AAM_AS_SOURCE', { method: 'PUT', token, body: { value: true } })
    const created = await call('/v1/connections', {
      token,
      body: { kind: 'file', name: 'CRM', config: { primary_key: 'id' } },
    })
    const connectionId = ((await created.json()) as { id: string }).id
    await whileRedisDownFor(tenantId, async () => {
      const res = await call(`/v1/connections/${connectionId}/files?stream=customers`, {
        token,
        body: 'id,email\n1,a@example.com\n2,b@example.com\n',
        headers: { 'content-type': 'text/csv' },
      })
      expect(res.status).toBe(202)
      const job = await waitForJob(token, ((await res.json()) as { job_id: string }).job_id, ['succeeded', 'dead'])
      expect(job.status, job.last_error ?? '').toBe('succeeded')
      await expect
        .poll(async () => ((await (await call('/v1/dcl/entities', { token })).json()) as { data: unknown[] }).data, {
          timeout: 20_000,
        })
        .toHaveLength(2)
    })
  })
})
