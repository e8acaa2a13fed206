// The USE_AAM_AS_SOURCE strangler fig: while the flag is off the DCL reads each connection itself
// after its sync (a FileSource connection and a Postgres database here); flipping it on and back off
// keeps every row, once, and a source change reaches the unified view on either path.
import { env } from 'cloudflare:workers'
import postgres from 'postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call, signup } from '../../support/api.ts'
import { type JobBody, settleJobs, waitForJob } from '../../support/jobs.ts'
import { stateMappings } from '../../support/mappings.ts'

type Entity = { entity: string; source: string; external_id: string; versions: number; data: Record<string, unknown> }
type Row = { unified_id: string; data: Record<string, unknown>; members: { external_id: string }[] }

// The tenant's own database: a schema in the stack's Postgres, written with a separate client.
const schema = `direct_${crypto.randomUUID().slice(0, 8)}`
const admin = postgres(env.DATABASE_URL as string, { max: 1, prepare: false })

// The embedded PGlite can wedge a query under concurrent load: the connector's 60 s query bound fails the
// attempt and the job retries, so waits here outlast that bound.
const SLOW = 150_000
const settle = (token: string) => settleJobs(token, 90_000)
const finished = (token: string, id: string) => waitForJob(token, id, ['succeeded', 'dead'], 90_000)

/** Queues the job (a sync, an upload's sync, a backfill) and waits for it to succeed. */
async function succeeded(token: string, queued: Promise<Response>) {
  const res = await queued
  expect(res.status, await res.clone().text()).toBe(202)
  const body = (await res.json()) as { id?: string; job_id?: string }
  const job = await finished(token, (body.job_id ?? body.id) as string)
  expect(job.status, job.last_error ?? '').toBe('succeeded')
  return job
}
const uploadCsv = (token: string, connectionId: string, stream: string, body: string) =>
  succeeded(
    token,
    call(`/v1/connections/${connectionId}/files?stream=${stream}`, {
      token,
      body,
      headers: { 'content-type': 'text/csv' },
    }),
  )

const csv = (rows: [string, string, string][]) => ['id,name,domain', ...rows.map((r) => r.join(','))].join('\n')

describe('the DCL reads connections directly while USE_AAM_AS_SOURCE is off', () => {
  let token: string
  let stranger: string
  let fileId: string
  let dbId: string

  const accounts = async (as = token) =>
    ((await (await call('/v1/dcl/entities?entity=account&limit=500', { token: as })).json()) as { data: Entity[] }).data
  const view = async (as = token) =>
    (await (await call('/v1/dcl/views/account/rows?limit=100', { token: as })).json()) as {
      data: Row[]
      total: number
    }
  const nameOf = async (externalId: string) =>
    (await view()).data.find((r) => r.members.some((m) => m.external_id === externalId))?.data.name
  const directJobs = async () =>
    ((await (await call('/v1/jobs?kind=dcl.direct-read&limit=100', { token })).json()) as { data: JobBody[] }).data
  const setFlag = async (value: boolean) =>
    expect((await call('/v1/flags/USE_AAM_AS_SOURCE', { method: 'PUT', token, body: { value } })).status).toBe(200)
  const mapAccount = (connectionId: string, kind: string, stream: string) =>
    stateMappings(
      token,
      {
        source_system: kind,
        connection_id: connectionId,
        source_stream: stream,
        entity: 'account',
        status: 'accepted',
      },
      [
        ['id', 'external_id'],
        ['name', 'name'],
        ['domain', 'domain'],
      ],
    )
  /** Every sync's follow-up work (the direct read among it) done. */
  const upload = async (body: string) => {
    await uploadCsv(token, fileId, 'companies', body)
    await settle(token)
  }
  /**
   * A backfill while the flag is off: every connection read directly. A source that cannot be read is
   * named in `failed` and the others go on; the embedded PGlite can refuse a read under load, so it is
   * asked again until it reads them all (as a user would).
   */
  const backfillAll = async () => {
    let job = await succeeded(token, call('/v1/dcl/backfill', { method: 'POST', token }))
    for (let again = 0; again < 3 && ((job.result?.failed ?? []) as unknown[]).length > 0; again++) {
      expect(job.result?.failed).toEqual([expect.objectContaining({ connection_id: dbId })])
      job = await succeeded(token, call('/v1/dcl/backfill', { method: 'POST', token }))
    }
    return job
  }
  const syncDb = async () => {
    await succeeded(token, call(`/v1/connections/${dbId}/sync`, { method: 'POST', token }))
    await settle(token)
  }

  beforeAll(async () => {
    await admin.unsafe(`
      create schema ${schema};
      create table ${schema}.accounts (id integer primary key, name text not null, domain text not null,
        updated_at timestamptz not null);
      insert into ${schema}.accounts values
        (101, 'Polaris Freight', 'polaris.example', '2026-01-01T10:00:00Z'),
        (102, 'Quasar Mills', 'quasar.example', '2026-01-01T11:00:00Z');`)
    token = (await signup('Direct Co')).tokens.access_token
    stranger = (await signup('Stranger Direct Co')).tokens.access_token
    await setFlag(false)
    const file = await call('/v1/connections', {
      token,
      body: { kind: 'file', name: 'Companies export', config: { primary_key: 'id' } },
    })
    fileId = ((await file.json()) as { id: string }).id
    const db = await call('/v1/connections', {
      token,
      body: { kind: 'postgres', name: 'CRM database', url: env.DATABASE_URL, config: { schema } },
    })
    expect(db.status).toBe(201)
    dbId = ((await db.json()) as { id: string }).id
    await mapAccount(fileId, 'file', 'companies')
    await mapAccount(dbId, 'postgres', 'accounts')
  }, 60_000)
  afterAll(async () => {
    await admin.unsafe(`drop schema ${schema} cascade`)
  })

  it(
    'feeds the entities and the unified view from each sync through direct reads',
    async () => {
      await upload(
        csv([
          ['F1', 'Aurora Labs', 'aurora.example'],
          ['F2', 'Borealis Foods', 'borealis.example'],
          ['F3', 'Cygnus Tools', 'cygnus.example'],
        ]),
      )
      await syncDb()
      const all = await accounts()
      expect(all.map((a) => a.external_id).sort()).toEqual(['101', '102', 'F1', 'F2', 'F3'])
      expect(all.find((a) => a.external_id === '101')?.data).toMatchObject({
        name: 'Polaris Freight',
        domain: 'polaris.example',
      })
      expect((await view()).total).toBe(5)
      const jobs = await directJobs()
      expect(jobs.map((j) => j.status)).toEqual(['succeeded', 'succeeded'])
      expect(jobs.map((j) => j.result?.events_applied).sort()).toEqual([2, 3])
    },
    SLOW,
  )

  it(
    'keeps every row, once, when the flag is turned on, and new rows arrive from the AAM',
    async () => {
      await setFlag(true)
      const directBefore = (await directJobs()).length
      const unifiedBefore = (await view()).data.map((r) => r.unified_id).sort()
      await admin.unsafe(
        `insert into ${schema}.accounts values (103, 'Rigel Works', 'rigel.example', '2026-01-02T10:00:00Z')`,
      )
      await syncDb()
      await upload(csv([['F4', 'Draco Systems', 'draco.example']]))
      // The AAM sends the stored records again with the same event ids: nothing changes twice.
      const res = await call('/v1/dcl/backfill', { method: 'POST', token })
      const backfill = await finished(token, ((await res.json()) as { id: string }).id)
      expect(backfill.result).toMatchObject({ events_sent: 7, not_convertible: 0 })
      await expect
        .poll(async () => (await accounts()).map((a) => a.external_id).sort(), { timeout: 20_000 })
        .toEqual(['101', '102', '103', 'F1', 'F2', 'F3', 'F4'])
      expect((await accounts()).every((a) => a.versions === 1)).toBe(true)
      await expect.poll(async () => (await view()).total, { timeout: 20_000 }).toBe(7)
      // The rows read directly kept their unified ids; no direct read ran while the flag was on.
      const unified = (await view()).data.map((r) => r.unified_id)
      expect(unified).toEqual(expect.arrayContaining(unifiedBefore))
      expect((await directJobs()).length).toBe(directBefore)
    },
    SLOW,
  )

  it(
    'still carries a source change to the view once the flag is off again',
    async () => {
      await setFlag(false)
      await admin.unsafe(
        `update ${schema}.accounts set name = 'Polaris Freight Group', updated_at = '2026-03-01T10:00:00Z' where id = 101`,
      )
      await syncDb()
      await upload(csv([['F2', 'Borealis Foods International', 'borealis.example']]))
      expect(await nameOf('101')).toBe('Polaris Freight Group')
      expect(await nameOf('F2')).toBe('Borealis Foods International')
      const all = await accounts()
      expect(all).toHaveLength(7)
      expect(new Set(all.map((a) => `${a.source}|${a.external_id}`)).size).toBe(7)
      expect((await view()).total).toBe(7)
    },
    SLOW,
  )

  it(
    'does not feed a paused stream directly',
    async () => {
      const streams = (await (await call(`/v1/connections/${dbId}/streams`, { token })).json()) as {
        data: { id: string; name: string }[]
      }
      const stream = streams.data.find((s) => s.name === 'accounts')
      expect((await call(`/v1/streams/${stream?.id}/pause`, { method: 'POST', token })).status).toBe(200)
      await admin.unsafe(
        `update ${schema}.accounts set name = 'Quasar Mills Ltd', updated_at = '2026-03-02T10:00:00Z' where id = 102`,
      )
      const directBefore = (await directJobs()).length
      await syncDb()
      // The sync read nothing of the paused stream, so the source is not read again after it either.
      expect((await directJobs()).length).toBe(directBefore)
      const job = await backfillAll()
      expect(job.result?.skipped).toContain('accounts: paused')
      expect(await nameOf('102')).toBe('Quasar Mills')
      // Resumed, the next read feeds the change (here the backfill's, below).
      expect((await call(`/v1/streams/${stream?.id}/resume`, { method: 'POST', token })).status).toBe(200)
    },
    SLOW,
  )

  it(
    'backfills by reading every connection while the flag is off, and never for another tenant',
    async () => {
      const job = await backfillAll()
      expect(job.result).toMatchObject({ connections: 2, streams: 2, not_convertible: 0, failed: [] })
      expect(job.progress).toMatchObject({ done: 2, total: 2, unit: 'connections' })
      expect((await view()).total).toBe(7)
      expect(await nameOf('102')).toBe('Quasar Mills Ltd')
      expect((await accounts()).every((a) => ['101', '102', 'F2'].includes(a.external_id) || a.versions === 1)).toBe(
        true,
      )

      expect(await accounts(stranger)).toEqual([])
      expect((await view(stranger)).total).toBe(0)
      const theirs = await call('/v1/dcl/backfill', { method: 'POST', token: stranger })
      const theirJob = await finished(stranger, ((await theirs.json()) as { id: string }).id)
      expect(theirJob.result).toMatchObject({ connections: 0, events_applied: 0 })
      expect(await accounts(stranger)).toEqual([])
    },
    SLOW,
  )

  it(
    'does not feed a stream held for drift review until the review releases it',
    async () => {
      const created = await call('/v1/connections', {
        token,
        body: { kind: 'file', name: 'Contacts export', drift_policy: 'propagate' },
      })
      const id = ((await created.json()) as { id: string }).id
      const records = async () =>
        (
          (await (await call('/v1/dcl/entities?entity=record&limit=500', { token })).json()) as { data: Entity[] }
        ).data.filter((e) => e.source.startsWith(`/connections/${id}/`))
      const contacts = async (body: string) => {
        await uploadCsv(token, id, 'contacts', body)
        await settle(token)
      }
      await contacts('Email,Full Name\nada@example.com,Ada Lovelace\n')
      expect(await records()).toHaveLength(1)
      // Renamed columns under `propagate`: breaking, so the rows are held and not fed.
      await contacts('email,full_name\ngrace@example.com,Grace Hopper\n')
      const [latest] = await directJobs()
      expect(latest?.result).toMatchObject({
        streams: 0,
        events_applied: 0,
        skipped: ['contacts: held for drift review'],
      })
      expect(await records()).toHaveLength(1)

      const stream = (
        (await (await call(`/v1/connections/${id}/streams`, { token })).json()) as {
          data: { id: string; held_drift_id: string }[]
        }
      ).data[0]
      const res = await call(`/v1/streams/${stream?.id}/drift/${stream?.held_drift_id}/accept`, {
        method: 'POST',
        token,
        body: {},
      })
      expect(res.status).toBe(200)
      await finished(token, ((await res.json()) as { sync_job_id: string }).sync_job_id)
      await settle(token)
      expect(await records()).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            data: expect.objectContaining({ attributes: { Email: 'ada@example.com', 'Full Name': 'Ada Lovelace' } }),
          }),
          expect.objectContaining({
            data: expect.objectContaining({ attributes: { email: 'grace@example.com', full_name: 'Grace Hopper' } }),
          }),
        ]),
      )
      expect(await records()).toHaveLength(2)
    },
    SLOW,
  )

  it(
    'does not feed records the AAM quarantined under a frozen schema',
    async () => {
      const created = await call('/v1/connections', {
        token,
        body: { kind: 'file', name: 'Frozen export', drift_policy: 'freeze' },
      })
      const id = ((await created.json()) as { id: string }).id
      const records = async () =>
        (
          (await (await call('/v1/dcl/entities?entity=record&limit=500', { token })).json()) as { data: Entity[] }
        ).data.filter((e) => e.source.startsWith(`/connections/${id}/`))
      const leads = async (body: string) => {
        await uploadCsv(token, id, 'leads', body)
        await settle(token)
      }
      await leads('Email,Full Name\nada@example.com,Ada Lovelace\n')
      expect(await records()).toHaveLength(1)
      // Renamed columns under `freeze`: the schema is kept and the file's rows go to quarantine, so the
      // direct read after the sync must not carry them to the DCL either.
      await leads('email,full_name\ngrace@example.com,Grace Hopper\n')
      const [latest] = await directJobs()
      expect(latest?.result).toMatchObject({ events_applied: 1, not_convertible: 1 })
      expect((await records()).map((r) => r.data.attributes)).toEqual([
        { Email: 'ada@example.com', 'Full Name': 'Ada Lovelace' },
      ])
    },
    SLOW,
  )

  it(
    'does not feed a database stream whose drift a frozen schema keeps out',
    async () => {
      const frozen = `frozen_${crypto.randomUUID().slice(0, 8)}`
      await admin.unsafe(`
        create schema ${frozen};
        create table ${frozen}.leads (id integer primary key, name text not null, updated_at timestamptz not null);
        insert into ${frozen}.leads values (1, 'Ada Lovelace', '2026-01-01T10:00:00Z');`)
      try {
        const created = await call('/v1/connections', {
          token,
          body: {
            kind: 'postgres',
            name: 'Frozen database',
            url: env.DATABASE_URL,
            config: { schema: frozen },
            drift_policy: 'freeze',
          },
        })
        expect(created.status).toBe(201)
        const id = ((await created.json()) as { id: string }).id
        const records = async () =>
          (
            (await (await call('/v1/dcl/entities?entity=record&limit=500', { token })).json()) as { data: Entity[] }
          ).data.filter((e) => e.source.startsWith(`/connections/${id}/`))
        const sync = async () => {
          await succeeded(token, call(`/v1/connections/${id}/sync`, { method: 'POST', token }))
          await settle(token)
        }
        await sync()
        expect(await records()).toHaveLength(1)
        await admin.unsafe(`
          alter table ${frozen}.leads rename column name to full_name;
          insert into ${frozen}.leads values (2, 'Grace Hopper', '2026-01-02T10:00:00Z');`)
        await sync()
        const [latest] = await directJobs()
        expect(latest?.result).toMatchObject({ streams: 0, events_applied: 0 })
        expect(latest?.result?.skipped).toEqual([expect.stringMatching(/^leads: drift not adopted .*frozen/)])
        expect(await records()).toHaveLength(1)
      } finally {
        await admin.unsafe(`drop schema ${frozen} cascade`)
      }
    },
    SLOW,
  )
})
