import { env } from 'cloudflare:workers'
import postgres from 'postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Account, call, expectProblem, signup } from '../../support/api.ts'
import { syncConnection } from '../../support/jobs.ts'

type Stream = { id: string; name: string; record_count: number; schema: { path: string; type: string }[] }

// The tenant's "own" database: a schema in the stack's Postgres, written with a separate client.
const schema = `crm_${crypto.randomUUID().slice(0, 8)}`
const admin = postgres(env.DATABASE_URL as string, { max: 1, prepare: false })

const sync = (token: string, id: string) => syncConnection<{ skipped_streams: string[] }>(token, id)

const streamsOf = async (token: string, id: string) =>
  ((await (await call(`/v1/connections/${id}/streams`, { token })).json()) as { data: Stream[] }).data

describe('Postgres / Supabase source', () => {
  let owner: Account
  let token: string
  let connectionId: string
  beforeAll(async () => {
    await admin.unsafe(`
      create schema ${schema};
      create table ${schema}.customers (id integer primary key, email text not null, updated_at timestamptz not null);
      insert into ${schema}.customers values
        (1, 'ada@example.com', '2026-01-01T10:00:00Z'),
        (2, 'grace@example.com', '2026-01-02T10:00:00Z'),
        (3, 'alan@example.com', '2026-01-03T10:00:00Z');
      create table ${schema}.orders (id bigint primary key, amount numeric(10,2), paid boolean);
      insert into ${schema}.orders values (10, 19.90, true), (11, 5.00, false);
      create table ${schema}.audit_trail (note text);`)
    owner = await signup('Database Co')
    token = owner.tokens.access_token
    const res = await call('/v1/connections', {
      token,
      body: { kind: 'postgres', name: 'CRM database', url: env.DATABASE_URL, config: { schema } },
    })
    expect(res.status).toBe(201)
    connectionId = ((await res.json()) as { id: string }).id
  })
  afterAll(async () => {
    // Left open on purpose, like the connector's (see adapters/sources/postgres-source.ts).
    await admin.unsafe(`drop schema ${schema} cascade`)
  })

  it('never returns the database URL', async () => {
    const text = await (await call(`/v1/connections/${connectionId}`, { token })).text()
    expect(text).not.toContain('postgres://')
    expect(text).not.toContain(new URL(env.DATABASE_URL as string).host)
    expect(JSON.parse(text)).not.toHaveProperty('url')
    expect(JSON.parse(text)).toMatchObject({ kind: 'postgres', config: { schema, cursor_column: 'updated_at' } })
  })

  it('tests reachability and discovers tables with typed schemas', async () => {
    const tested = await call(`/v1/connections/${connectionId}/test`, { method: 'POST', token })
    expect(tested.status).toBe(200)
    expect(((await tested.json()) as { checked: string[] }).checked).toContain(
      `3 table(s) readable in schema ${schema}`,
    )
    const discovered = (await (
      await call(`/v1/connections/${connectionId}/discover`, { method: 'POST', token })
    ).json()) as {
      streams: {
        name: string
        records_sampled: number
        schema: { path: string; type: string; nullable: boolean; samples?: unknown[] }[]
        profile: { path: string }[]
      }[]
    }
    const customers = discovered.streams.find((s) => s.name === 'customers')
    expect(customers?.schema.map(({ path, type, nullable }) => ({ path, type, nullable }))).toEqual([
      { path: 'id', type: 'integer', nullable: false },
      { path: 'email', type: 'string', nullable: false },
      { path: 'updated_at', type: 'timestamp', nullable: false },
    ])
    // A sample of rows gives each field example values (rename matching compares them) and a profile.
    expect(customers?.records_sampled).toBe(3)
    expect(customers?.schema.find((f) => f.path === 'email')?.samples).toContain('ada@example.com')
    expect(customers?.profile.map((p) => p.path)).toEqual(expect.arrayContaining(['id', 'email', 'updated_at']))
    expect(discovered.streams.find((s) => s.name === 'orders')?.schema.map((f) => f.type)).toEqual([
      'integer',
      'number',
      'boolean',
    ])
  })

  it('syncs every table with a key, then reads only new and updated rows after the cursor', async () => {
    // Counts come from the streams, not the job result: the embedded PGlite can fail an attempt under
    // concurrent load, and a retry reports only what it did itself.
    const first = await sync(token, connectionId)
    expect(first.skipped_streams).toEqual(['audit_trail: no id column to read by'])
    let streams = await streamsOf(token, connectionId)
    expect(streams.find((s) => s.name === 'customers')?.record_count).toBe(3)
    expect(streams.find((s) => s.name === 'orders')?.record_count).toBe(2)

    await sync(token, connectionId)
    streams = await streamsOf(token, connectionId)
    expect(streams.find((s) => s.name === 'customers')?.record_count).toBe(3)

    await admin.unsafe(`
      insert into ${schema}.customers values (4, 'katy@example.com', '2026-02-01T10:00:00Z');
      update ${schema}.customers set email = 'ada@lovelace.dev', updated_at = '2026-02-02T10:00:00Z' where id = 1;`)
    await sync(token, connectionId)
    streams = await streamsOf(token, connectionId)
    const customers = streams.find((s) => s.name === 'customers') as Stream
    expect(customers.record_count).toBe(5)
    const records = (await (await call(`/v1/streams/${customers.id}/records?limit=10`, { token })).json()) as {
      data: { data: { external_id: string; attributes: { email: string; updated_at: string } } }[]
    }
    // Both versions of customer 1 are kept, as separate canonical events with JSON timestamps.
    const ada = records.data.filter((r) => r.data.external_id === '1').map((r) => r.data.attributes.email)
    expect(ada.sort()).toEqual(['ada@example.com', 'ada@lovelace.dev'])
    expect(records.data[0]?.data.attributes.updated_at).toMatch(/^2026-\d\d-\d\dT/)
  })

  it('detects a renamed column on the next sync', async () => {
    await admin.unsafe(`
      alter table ${schema}.customers rename column email to email_address;
      alter table ${schema}.customers add column plan text;
      insert into ${schema}.customers values (5, 'new@example.com', '2026-03-01T10:00:00Z', 'pro');`)
    await sync(token, connectionId)
    const customers = (await streamsOf(token, connectionId)).find((s) => s.name === 'customers') as Stream
    const drift = (await (await call(`/v1/streams/${customers.id}/drift`, { token })).json()) as {
      data: { changes: { kind: string; from?: string; to?: string; path: string }[] }[]
    }
    expect(drift.data).toHaveLength(1)
    expect(drift.data[0]?.changes).toHaveLength(2)
    expect(drift.data[0]?.changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'renamed', from: 'email', to: 'email_address' }),
        expect.objectContaining({ kind: 'added', path: 'plan' }),
      ]),
    )
  })

  it('deselecting a table keeps its stored records; selecting it again resumes after its cursor', async () => {
    const patch = (config: Record<string, unknown>) =>
      call(`/v1/connections/${connectionId}`, { method: 'PATCH', token, body: { config } })
    const narrowed = await patch({ tables: ['customers'] })
    expect(narrowed.status).toBe(200)
    expect(await narrowed.json()).toMatchObject({ config: { schema, tables: ['customers'] } })

    await admin.unsafe(`insert into ${schema}.orders values (12, 42.00, true)`)
    const result = await sync(token, connectionId)
    expect(result.skipped_streams).toEqual([])
    const orders = (await streamsOf(token, connectionId)).find((s) => s.name === 'orders') as Stream
    expect(orders.record_count).toBe(2)
    const kept = (await (await call(`/v1/streams/${orders.id}/records`, { token })).json()) as { data: unknown[] }
    expect(kept.data).toHaveLength(2)

    const all = await patch({ tables: null })
    expect(all.status, await all.clone().text()).toBe(200)
    expect(((await all.json()) as { config: Record<string, unknown> }).config).not.toHaveProperty('tables')
    await sync(token, connectionId)
    const resumed = (await streamsOf(token, connectionId)).find((s) => s.name === 'orders') as Stream
    expect(resumed.record_count).toBe(3)

    const bad = await expectProblem(await patch({ cursor_column: 'not an identifier' }), 400, 'validation_failed')
    expect(bad.errors?.[0]?.path).toBe('config.cursor_column')
  })

  it('an unreachable database is a 502 that names what to check and never echoes the URL', async () => {
    const res = await call('/v1/connections', {
      token,
      body: { kind: 'postgres', name: 'Gone', url: 'postgres://reader:s3cret-pw@127.0.0.1:1/nowhere' },
    })
    const id = ((await res.json()) as { id: string }).id
    const problem = await expectProblem(
      await call(`/v1/connections/${id}/test`, { method: 'POST', token }),
      502,
      'source_unreachable',
    )
    expect(problem.detail).toContain('Check the URL')
    expect(problem.detail).not.toContain('s3cret-pw')
    const bad = await call('/v1/connections', { token, body: { kind: 'postgres', name: 'Bad', url: 'mysql://x' } })
    expect((await expectProblem(bad, 400, 'validation_failed')).errors?.[0]?.path).toBe('url')
  })

  it('is invisible to another tenant', async () => {
    const other = await signup('Other Database Co')
    await expectProblem(
      await call(`/v1/connections/${connectionId}/test`, { method: 'POST', token: other.tokens.access_token }),
      404,
      'not_found',
    )
  })
})
