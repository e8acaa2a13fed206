import { env } from 'cloudflare:workers'
import { tableFromIPC } from 'apache-arrow'
import { beforeAll, describe, expect, it } from 'vitest'
import { type Account, addMember, call, expectProblem, signup } from '../../support/api.ts'
import { settleJobs, waitForJob } from '../../support/jobs.ts'

const V1 = 'id,email,score,vip\n1,ada@example.com,10,true\n2,grace@example.com,,false\n3,alan@example.com,30,true\n'
const V2 = 'id,mail,score,vip,plan\n4,katy@example.com,40,false,pro\n'

async function fileConnection(token: string) {
  const res = await call('/v1/connections', {
    token,
    // Every change adopted as it comes: these tests are about what the console reads, not drift review.
    body: { kind: 'file', name: 'Exports', config: { primary_key: 'id' }, drift_policy: 'propagate_all' },
  })
  expect(res.status).toBe(201)
  return ((await res.json()) as { id: string }).id
}

async function upload(token: string, connectionId: string, csv: string) {
  const res = await call(`/v1/connections/${connectionId}/files?stream=people`, {
    token,
    body: csv,
    headers: { 'content-type': 'text/csv' },
  })
  expect(res.status).toBe(202)
  const job = await waitForJob(token, ((await res.json()) as { job_id: string }).job_id, ['succeeded', 'dead'])
  expect(job.status).toBe('succeeded')
}

async function streams(token: string) {
  const res = await call('/v1/streams', { token })
  expect(res.status).toBe(200)
  return ((await res.json()) as { data: { id: string; name: string; connection_id: string }[] }).data
}

describe('APIs behind the console', () => {
  let owner: Account
  let token: string
  let streamId: string
  beforeAll(async () => {
    owner = await signup('Console Co')
    token = owner.tokens.access_token
    const connection = await fileConnection(token)
    await upload(token, connection, V1)
    await upload(token, connection, V2)
    streamId = (await streams(token))[0]?.id as string
  })

  it('exports a stream as Arrow IPC with typed columns from its schema', async () => {
    const res = await call(`/v1/streams/${streamId}/export`, { token })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/vnd.apache.arrow.stream')
    expect(res.headers.get('x-aos-rows')).toBe('4')
    expect(res.headers.get('x-aos-truncated')).toBe('false')
    const table = tableFromIPC(new Uint8Array(await res.arrayBuffer()))
    expect(table.numRows).toBe(4)
    const types = Object.fromEntries(table.schema.fields.map((f) => [f.name, String(f.type)]))
    expect(types).toMatchObject({ external_id: 'Utf8', id: 'Float64', score: 'Float64', vip: 'Bool', plan: 'Utf8' })
    const rows = table.toArray().map((r) => r.toJSON() as Record<string, unknown>)
    const ada = rows.find((r) => r.email === 'ada@example.com')
    expect(ada).toMatchObject({ external_id: '1', id: 1, score: 10, vip: true, plan: null })
    // An empty score is null, not 0; a row from before the rename has no `mail`.
    expect(rows.find((r) => r.email === 'grace@example.com')?.score).toBeNull()
    expect(rows.find((r) => r.mail === 'katy@example.com')).toMatchObject({ plan: 'pro', email: null })
  })

  it('caps an export at `limit` and says it was truncated', async () => {
    const res = await call(`/v1/streams/${streamId}/export?limit=3`, { token })
    expect(res.headers.get('x-aos-rows')).toBe('3')
    expect(res.headers.get('x-aos-truncated')).toBe('true')
    expect(tableFromIPC(new Uint8Array(await res.arrayBuffer())).numRows).toBe(3)
    await expectProblem(await call(`/v1/streams/${streamId}/export?limit=0`, { token }), 400, 'validation_failed')
  })

  it('keeps exports, stream lists and dashboards inside the tenant', async () => {
    const other = await signup('Other Console Co')
    const otherToken = other.tokens.access_token
    await expectProblem(await call(`/v1/streams/${streamId}/export`, { token: otherToken }), 404, 'not_found')
    expect(await streams(otherToken)).toEqual([])
    const dashboard = (await (await call('/v1/dashboard', { token: otherToken })).json()) as {
      connections: unknown[]
      jobs_by_status: unknown[]
    }
    expect(dashboard.connections).toEqual([])
    expect(dashboard.jobs_by_status).toEqual([])
  })

  it('summarises sync health, jobs and drift for the dashboard', async () => {
    // Two syncs, and the knowledge-base refresh they queued: the dashboard counts what the job list shows.
    const succeeded = (await settleJobs(token)).filter((j) => j.status === 'succeeded').length
    expect(succeeded).toBeGreaterThanOrEqual(3)
    const res = await call('/v1/dashboard?days=7', { token })
    expect(res.status).toBe(200)
    const body = (await res.json()) as {
      days: number
      jobs_by_status: { status: string; count: number }[]
      jobs_per_day: { day: string; succeeded: number }[]
      drift_per_day: { day: string; breaking: number; non_breaking: number }[]
      connections: { name: string; streams: number; records: number; paused_streams: number }[]
    }
    expect(body.days).toBe(7)
    expect(body.jobs_by_status).toContainEqual({ status: 'succeeded', count: succeeded })
    expect(body.jobs_per_day).toHaveLength(7)
    const today = new Date().toISOString().slice(0, 10)
    expect(body.jobs_per_day.at(-1)).toMatchObject({ day: today, succeeded })
    expect(body.drift_per_day.map((d) => d.day)).toEqual(body.jobs_per_day.map((d) => d.day))
    // email → mail is a rename (breaking) and plan was added: one drift record today.
    const drift = body.drift_per_day.at(-1)
    expect((drift?.breaking ?? 0) + (drift?.non_breaking ?? 0)).toBe(1)
    expect(body.connections).toEqual([expect.objectContaining({ name: 'Exports', streams: 1, records: 4 })])
    await expectProblem(await call('/v1/dashboard?days=500', { token }), 400, 'validation_failed')
  })

  it('lists the newest events first with the id to resume the live stream from', async () => {
    const res = await call('/v1/events?limit=3', { token })
    const body = (await res.json()) as { data: { type: string; seq: number }[]; last_event_id: number }
    expect(body.data).toHaveLength(3)
    expect(body.data[0]?.seq).toBe(body.last_event_id)
    expect(body.data.map((e) => e.seq)).toEqual([...body.data.map((e) => e.seq)].sort((a, b) => b - a))
    expect(body.data.map((e) => e.type)).toContain('aos.job.succeeded')
  })
})

describe('tenant switching', () => {
  it('lists my tenants and switches without a password, only into tenants I belong to', async () => {
    const home = await signup('Home Co')
    const away = await signup('Away Co')
    await addMember(away.tokens.access_token, { email: home.email, password: home.password, role: 'viewer' })

    const mine = (await (await call('/v1/me/tenants', { token: home.tokens.access_token })).json()) as {
      data: { id: string; name: string; role: string; current: boolean }[]
    }
    expect(mine.data).toEqual([
      { id: home.tenantId, name: 'Home Co', role: 'owner', current: true },
      { id: away.tenantId, name: 'Away Co', role: 'viewer', current: false },
    ])

    const switched = await call('/v1/auth/switch-tenant', {
      token: home.tokens.access_token,
      body: { tenant_id: away.tenantId },
    })
    expect(switched.status).toBe(200)
    const tokens = (await switched.json()) as { access_token: string; tenant_id: string }
    expect(tokens.tenant_id).toBe(away.tenantId)
    const me = (await (await call('/v1/me', { token: tokens.access_token })).json()) as {
      tenant: { name: string }
      role: string
    }
    expect(me).toMatchObject({ tenant: { name: 'Away Co' }, role: 'viewer' })

    const stranger = await signup('Stranger Co')
    await expectProblem(
      await call('/v1/auth/switch-tenant', { token: home.tokens.access_token, body: { tenant_id: stranger.tenantId } }),
      404,
      'not_found',
    )
    await expectProblem(
      await call('/v1/auth/switch-tenant', { token: home.tokens.access_token, body: { tenant_id: 'nope' } }),
      400,
      'validation_failed',
    )
  })

  it('refuses API keys, which belong to one tenant', async () => {
    const owner = await signup('Keys Co')
    const key = (await (
      await call('/v1/api-keys', { token: owner.tokens.access_token, body: { name: 'ci', role: 'admin' } })
    ).json()) as { key: string }
    await expectProblem(await call('/v1/me/tenants', { token: key.key }), 403, 'forbidden')
  })
})

describe('console assets', () => {
  // The build names the engine by content hash (scripts/lib/vite-duckdb-bundles.ts) and lists the names.
  const engine = async () =>
    (await (await env.ASSETS.fetch('http://aos.test/duckdb-engine.json')).json()) as { wasm: string; worker: string }

  it('serves the DuckDB engine gzip-encoded under a hashed name, cached as immutable', async () => {
    const { wasm, worker } = await engine()
    expect(wasm).toMatch(/^\/duckdb\/duckdb-eh\.[0-9a-f]{16}\.wasm$/)
    expect(worker).toMatch(/^\/duckdb\/duckdb-browser-eh\.[0-9a-f]{16}\.worker\.js$/)
    const res = await call(wasm)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/wasm')
    expect(res.headers.get('content-encoding')).toBe('gzip')
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    const etag = res.headers.get('etag')
    await res.body?.cancel()
    if (etag) expect((await call(wasm, { headers: { 'if-none-match': etag } })).status).toBe(304)
  })

  it('answers 404 for an engine name this build does not have, never the console page', async () => {
    await expectProblem(await call('/duckdb/duckdb-eh.0123456789abcdef.wasm'), 404, 'not_found')
  })
})
