// Deleting a connection with `purge=true` removes what it brought in: its records, quarantine, files and
// its rows in the unified views (a row merged with another connection's keeps that one), in a job that
// reports progress; without `purge` nothing is removed, and no other tenant can reach it.
import { env } from 'cloudflare:workers'
import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, withTenant } from '../../../workers/adapters/db/client.ts'
import { addMember, call, expectProblem, signup } from '../../support/api.ts'
import { getJob, type JobBody, settleJobs, uploadCsv, waitForJob } from '../../support/jobs.ts'
import { stateMappings } from '../../support/mappings.ts'
import { pollUntil } from '../../support/poll.ts'

type Row = { data: Record<string, unknown>; members: { source: string; external_id: string }[]; sources: string[] }
type Account = { token: string; tenantId: string }

const A_CSV = 'id,name,domain\n1,Aurora Labs,aurora.example\n2,Borealis Foods,borealis.example\n3,"broken\n'
// Its columns renamed (breaking drift under `propagate`): held for review, with a drift record.
const A_DRIFTED = 'ident,title,domain\n4,Delta Co,delta.example\n'
const B_CSV = 'id,name,domain\n7,Aurora Labs Inc,aurora.example\n8,Cirrus Air,cirrus.example\n'

/**
 * A file connection with accepted account mappings and `csvs` synced, each once the DCL has every stored
 * record: a sync's job ends before the DCL has applied what it sent, and a direct read that starts after the
 * next (drifted) file has put the stream on hold skips the stream.
 */
async function fileConnection({ token, tenantId }: Account, name: string, ...csvs: string[]) {
  const created = await call('/v1/connections', { token, body: { kind: 'file', name, config: { primary_key: 'id' } } })
  expect(created.status).toBe(201)
  const id = ((await created.json()) as { id: string }).id
  await stateMappings(
    token,
    { source_system: 'file', connection_id: id, source_stream: 'companies', entity: 'account', status: 'accepted' },
    [
      ['id', 'external_id'],
      ['name', 'name'],
      ['domain', 'domain'],
    ],
  )
  for (const csv of csvs) {
    await uploadCsv(token, id, 'companies', csv)
    await settleJobs(token, 60_000)
    await pollUntil(
      () => stored(tenantId, id),
      (now) => now.records > 0 && now.dcl_entities >= now.records,
      { timeoutMs: 60_000, failure: (now) => `the DCL has ${now.dcl_entities} of ${now.records} records` },
    )
  }
  return id
}

const viewRows = async (token: string, entity = 'account') =>
  ((await (await call(`/v1/dcl/views/${entity}/rows?limit=100`, { token })).json()) as { data: Row[] }).data

const fromConnection = (rows: Row[], connectionId: string) =>
  rows.filter((r) => r.members.some((m) => m.source.startsWith(`/connections/${connectionId}/`)))

type Stored = Record<
  | 'streams'
  | 'records'
  | 'quarantine'
  | 'held_records'
  | 'drift_events'
  | 'source_files'
  | 'mappings'
  | 'dcl_entities'
  | 'kb_documents'
  | 'files',
  number
>

/** Rows of the connection's streams and its stored files, as the database and R2 hold them. */
async function stored(tenantId: string, connectionId: string): Promise<Stored> {
  const { db, close } = openDatabase(env.DATABASE_URL as string, env.DB_WS_PROXY)
  try {
    const counts = await withTenant(db, tenantId, (tx) =>
      tx.execute<Omit<Stored, 'files'>>(sql`select
        (select count(*)::int from streams where connection_id = ${connectionId}) as streams,
        (select count(*)::int from records r join streams s on s.id = r.stream_id where s.connection_id = ${connectionId}) as records,
        (select count(*)::int from quarantine q join streams s on s.id = q.stream_id where s.connection_id = ${connectionId}) as quarantine,
        (select count(*)::int from held_records h join streams s on s.id = h.stream_id where s.connection_id = ${connectionId}) as held_records,
        (select count(*)::int from drift_events where connection_id = ${connectionId}) as drift_events,
        (select count(*)::int from source_files where connection_id = ${connectionId}) as source_files,
        (select count(*)::int from mapping_registry where connection_id = ${connectionId}) as mappings,
        (select count(*)::int from dcl_entities where source like ${`/connections/${connectionId}/%`}) as dcl_entities,
        (select count(*)::int from kb_documents where metadata::text like ${`%${connectionId}%`}) as kb_documents`),
    )
    const files = await env.FILES.list({ prefix: `tenants/${tenantId}/connections/${connectionId}/` })
    const [row] = counts.rows
    if (!row) throw new Error('no counts')
    return { ...row, files: files.objects.length }
  } finally {
    await close()
  }
}

/** Holds (or, with null, releases) the connection's sync lease as a running sync of it would. */
async function holdSyncLease(tenantId: string, connectionId: string, jobId: string | null) {
  const { db, close } = openDatabase(env.DATABASE_URL as string, env.DB_WS_PROXY)
  try {
    await withTenant(db, tenantId, (tx) =>
      tx.execute(sql`update connections set sync_job_id = ${jobId},
        sync_lease_until = ${jobId ? sql`now() + interval '1 hour'` : sql`null`} where id = ${connectionId}`),
    )
  } finally {
    await close()
  }
}

async function auditActions(tenantId: string, connectionId: string) {
  const { db, close } = openDatabase(env.DATABASE_URL as string, env.DB_WS_PROXY)
  try {
    const rows = await withTenant(db, tenantId, (tx) =>
      tx.execute<{ action: string }>(
        sql`select action from audit_log where target_id = ${connectionId} order by created_at, action`,
      ),
    )
    return rows.rows.map((r) => r.action)
  } finally {
    await close()
  }
}

const purge = (token: string, id: string) => call(`/v1/connections/${id}?purge=true`, { method: 'DELETE', token })

describe('deleting a connection with purge=true', () => {
  let owner: Account
  let stranger: Account
  let a: string
  let b: string
  let strangers: string

  beforeAll(async () => {
    const o = await signup('Purge Co')
    owner = { token: o.tokens.access_token, tenantId: o.tokens.tenant_id }
    const s = await signup('Purge Stranger Co')
    stranger = { token: s.tokens.access_token, tenantId: s.tokens.tenant_id }
    a = await fileConnection(owner, 'Wrong production export', A_CSV, A_DRIFTED)
    b = await fileConnection(owner, 'CRM export', B_CSV)
    strangers = await fileConnection(stranger, 'Their export', A_CSV)
  }, 180_000)

  it('refuses a purge value other than true or false with a 400 problem, removing nothing', async () => {
    const bad = await call(`/v1/connections/${a}?purge=yes`, { method: 'DELETE', token: owner.token })
    const problem = await expectProblem(bad, 400, 'validation_failed')
    expect(problem.errors?.map((e) => e.path)).toContain('purge')
    expect((await call(`/v1/connections/${a}`, { token: owner.token })).status).toBe(200)
    const kept = await stored(owner.tenantId, a)
    expect(kept).toMatchObject({ records: 2, quarantine: 1, held_records: 1, drift_events: 1, source_files: 2 })
    expect(kept).toMatchObject({ files: 2, dcl_entities: 2 })
    expect(kept.kb_documents).toBeGreaterThan(0)
  })

  it("answers another tenant 404 and a member 403, removing nothing of the owner's", async () => {
    await expectProblem(await purge(stranger.token, a), 404, 'not_found')
    await expectProblem(
      await call(`/v1/connections/${a}`, { method: 'DELETE', token: stranger.token }),
      404,
      'not_found',
    )
    expect((await call(`/v1/connections/${a}`, { token: owner.token })).status).toBe(200)
    expect(fromConnection(await viewRows(owner.token), a)).toHaveLength(2)
    // A member of the workspace may not delete connections, with or without their data.
    const member = await addMember(owner.token)
    await expectProblem(await purge(member.tokens.access_token, a), 403, 'forbidden')
    expect((await call(`/v1/connections/${a}`, { token: owner.token })).status).toBe(200)
    // The owner cannot purge the stranger's connection either.
    await expectProblem(await purge(owner.token, strangers), 404, 'not_found')
  })

  it('removes its records, quarantine, files and view rows in a job with progress; the other connection stays', async () => {
    const before = await viewRows(owner.token)
    const merged = before.find((r) => r.sources.length === 2)
    expect(merged?.members.map((m) => m.external_id).sort()).toEqual(['1', '7'])

    const res = await purge(owner.token, a)
    expect(res.status).toBe(202)
    const accepted = (await res.json()) as JobBody
    expect(accepted.kind).toBe('aam.connection-purge')
    expect(res.headers.get('location')).toBe(`/v1/jobs/${accepted.id}`)
    const job = await waitForJob(owner.token, accepted.id, ['succeeded', 'dead'], 60_000)
    expect(job.status, job.last_error ?? '').toBe('succeeded')
    expect(job.progress).toMatchObject({ unit: 'rows' })
    expect(job.progress?.total).toBeGreaterThan(0)
    expect(job.progress?.done).toBe(job.progress?.total)
    expect(job.result?.removed).toMatchObject({ records: 2, quarantine: 1, held_records: 1, drift_events: 1 })
    expect(job.result?.removed).toMatchObject({ source_files: 2, stored_files: 2, dcl_entities: 2, streams: 1 })

    expect(await stored(owner.tenantId, a)).toEqual({
      streams: 0,
      records: 0,
      quarantine: 0,
      held_records: 0,
      drift_events: 0,
      source_files: 0,
      mappings: 0,
      dcl_entities: 0,
      kb_documents: 0,
      files: 0,
    })
    await expectProblem(await call(`/v1/connections/${a}`, { token: owner.token }), 404, 'not_found')
    // Its rows are gone from the views; the row it shared with the other connection keeps that one's record.
    const after = await viewRows(owner.token)
    expect(fromConnection(after, a)).toEqual([])
    expect(fromConnection(await viewRows(owner.token, 'record'), a)).toEqual([])
    expect(after.map((r) => r.data.name).sort()).toEqual(['Aurora Labs Inc', 'Cirrus Air'])
    expect(after.find((r) => r.data.name === 'Aurora Labs Inc')?.members.map((m) => m.external_id)).toEqual(['7'])
    expect(await stored(owner.tenantId, b)).toMatchObject({ records: 2, files: 1, dcl_entities: 2 })
    // The other tenant's copy of the same file is untouched.
    expect(fromConnection(await viewRows(stranger.token), strangers)).toHaveLength(2)
    expect(await stored(stranger.tenantId, strangers)).toMatchObject({ records: 2, quarantine: 1, files: 1 })
    expect(await auditActions(owner.tenantId, a)).toEqual([
      'connection.created',
      'connection.deleted',
      'connection.purged',
    ])
  })

  it('purging it again runs a new job that finds nothing left; a plain delete of it is a 404', async () => {
    const res = await purge(owner.token, a)
    expect(res.status).toBe(202)
    const job = await waitForJob(owner.token, ((await res.json()) as JobBody).id, ['succeeded', 'dead'], 60_000)
    expect(job.status).toBe('succeeded')
    expect(job.progress).toMatchObject({ done: 0, total: 0 })
    expect(Object.values(job.result?.removed as Record<string, number>).every((n) => n === 0)).toBe(true)
    await expectProblem(await call(`/v1/connections/${a}`, { method: 'DELETE', token: owner.token }), 404, 'not_found')
  })

  it('without purge removes nothing; a later purge of the deleted connection removes it all', async () => {
    expect((await call(`/v1/connections/${b}`, { method: 'DELETE', token: owner.token })).status).toBe(204)
    await settleJobs(owner.token)
    expect(await stored(owner.tenantId, b)).toMatchObject({ records: 2, files: 1, dcl_entities: 2 })
    expect(fromConnection(await viewRows(owner.token), b)).toHaveLength(2)

    const res = await purge(owner.token, b)
    expect(res.status).toBe(202)
    const job = await waitForJob(owner.token, ((await res.json()) as JobBody).id, ['succeeded', 'dead'], 60_000)
    expect(job.status, job.last_error ?? '').toBe('succeeded')
    expect(await viewRows(owner.token)).toEqual([])
    expect(await stored(owner.tenantId, b)).toMatchObject({ records: 0, files: 0, dcl_entities: 0 })
    expect(await auditActions(owner.tenantId, b)).toEqual([
      'connection.created',
      'connection.deleted',
      'connection.purged',
    ])
  })

  it('waits for a running sync, answering a repeated purge with the same job meanwhile', async () => {
    const c = await fileConnection(owner, 'Busy export', B_CSV)
    await holdSyncLease(owner.tenantId, c, crypto.randomUUID())
    const first = await purge(owner.token, c)
    expect(first.status).toBe(202)
    const { id } = (await first.json()) as JobBody
    await expect
      .poll(async () => (await getJob(owner.token, id)).last_error, { timeout: 20_000 })
      .toContain('A sync of this connection is still running')
    const again = await purge(owner.token, c)
    expect(again.status).toBe(202)
    expect(((await again.json()) as JobBody).id).toBe(id)
    expect(await stored(owner.tenantId, c)).toMatchObject({ records: 2, dcl_entities: 2 })

    await holdSyncLease(owner.tenantId, c, null)
    const job = await waitForJob(owner.token, id, ['succeeded', 'dead'], 60_000)
    expect(job.status, job.last_error ?? '').toBe('succeeded')
    expect(job.attempts).toBeGreaterThan(1)
    expect(await stored(owner.tenantId, c)).toMatchObject({ records: 0, dcl_entities: 0, files: 0 })
  })

  it("takes no more of a purged connection's records from the DCL's queue, while a live one's still arrive", async () => {
    const late = await fileConnection(owner, 'Late export', B_CSV)
    const live = await fileConnection(owner, 'Live export', 'id,name,domain\n30,Nimbus Ltd,nimbus.example\n')
    const [stream] = (
      (await (await call(`/v1/connections/${late}/streams`, { token: owner.token })).json()) as {
        data: { id: string }[]
      }
    ).data
    const res = await purge(owner.token, late)
    const job = await waitForJob(owner.token, ((await res.json()) as JobBody).id, ['succeeded', 'dead'], 60_000)
    expect(job.status, job.last_error ?? '').toBe('succeeded')
    // What its last sync sent to the DCL and the queue delivers only now, then a record of the live one.
    const account = (connection: string, externalId: string, name: string) => ({
      specversion: '1.0',
      id: `late:${connection}:${externalId}`,
      source: `/connections/${connection}/companies`,
      type: 'aos.canonical.account.v1',
      subject: externalId,
      time: new Date().toISOString(),
      tenantid: owner.tenantId,
      datacontenttype: 'application/json',
      dataschema: 'aos://canonical/account/v1',
      data: { external_id: externalId, name },
    })
    await env.CANONICAL_EVENTS.send({
      tenant_id: owner.tenantId,
      stream_id: stream?.id as string,
      events: [account(late, '7', 'Aurora Labs Inc'), account(late, '8', 'Cirrus Air')],
    })
    await env.CANONICAL_EVENTS.send({
      tenant_id: owner.tenantId,
      stream_id: crypto.randomUUID(),
      events: [account(live, '31', 'Stratus GmbH')],
    })
    await expect
      .poll(async () => (await viewRows(owner.token)).some((r) => r.data.name === 'Stratus GmbH'), { timeout: 20_000 })
      .toBe(true)
    expect(fromConnection(await viewRows(owner.token), late)).toEqual([])
    expect(await stored(owner.tenantId, late)).toMatchObject({ dcl_entities: 0, records: 0 })
    expect(await stored(owner.tenantId, live)).toMatchObject({ dcl_entities: 2 })
  })

  it('cannot be queued through POST /v1/jobs, which would skip the admin check and the delete', async () => {
    const res = await call('/v1/jobs', {
      token: owner.token,
      body: { kind: 'aam.connection-purge', payload: { connection_id: strangers } },
    })
    await expectProblem(res, 400, 'validation_failed')
  })
})
