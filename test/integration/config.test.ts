import { createExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { createApp } from '../../workers/api/index.ts'
import type { Env } from '../../workers/env.ts'
import { call, signup } from '../support/api.ts'

describe('configuration', () => {
  it('answers 503 problem+json, naming no secret, when a required secret is missing', async () => {
    const res = await createApp().request('/v1/me', {}, { DATABASE_URL: 'postgres://x' })
    expect(res.status).toBe(503)
    expect(res.headers.get('content-type')).toContain('application/problem+json')
    const body = await res.text()
    expect(body).toContain('not configured')
    expect(body).not.toContain('postgres://x')
  })
})

describe('SUPABASE_DATABASE_URL alone', () => {
  // The test database under Supabase's variable, with no DATABASE_URL and no WebSocket proxy: the
  // Worker reaches it over TCP, as it reaches Supabase's pooler. (env is read per call: its bindings
  // are not there yet while the file loads.)
  function request(path: string, init: RequestInit = {}) {
    const { DATABASE_URL, DB_WS_PROXY, ...rest } = env
    const supabaseOnly: Env = { ...rest, SUPABASE_DATABASE_URL: DATABASE_URL }
    return createApp().request(path, init, supabaseOnly, createExecutionContext())
  }

  it('is ready, and signs in, reads and writes as the tenant with row-level security', async () => {
    const ready = await request('/readyz')
    expect(ready.status).toBe(200)
    expect(await ready.json()).toMatchObject({ checks: { postgres: { ok: true } } })

    const owner = await signup('Supabase Co')
    const signedIn = await request('/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: owner.email, password: owner.password }),
    })
    expect(signedIn.status).toBe(200)
    const { access_token: token } = (await signedIn.json()) as { access_token: string }
    const auth = { authorization: `Bearer ${token}` }
    expect(await (await request('/v1/me', { headers: auth })).json()).toMatchObject({
      tenant: { id: owner.tenantId },
    })

    const created = await request('/v1/api-keys', {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'through supabase' }),
    })
    expect(created.status).toBe(201)
    // The same database seen through the default path, and another tenant seeing nothing of it.
    const listed = (await (await call('/v1/api-keys', { token })).json()) as { data: { name: string }[] }
    expect(listed.data.map((k) => k.name)).toContain('through supabase')
    const stranger = await signup('Elsewhere')
    const theirs = await request('/v1/api-keys', {
      headers: { authorization: `Bearer ${stranger.tokens.access_token}` },
    })
    expect(JSON.stringify(await theirs.json())).not.toContain('through supabase')
  })
})
