import { env } from 'cloudflare:workers'
import { tableFromIPC } from 'apache-arrow'
import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { type Db, openDatabase, withTenant } from '../../../workers/adapters/db/client.ts'
import { rowsTouching } from '../../../workers/adapters/db/dcl-views-repo.ts'
import { insertJob } from '../../../workers/adapters/db/jobs-repo.ts'
import { memberKey } from '../../../workers/core/dcl/views/member.ts'
import { memberLookup } from '../../../workers/core/dcl/views/unified-rows.ts'
import { runDclViewRebuild } from '../../../workers/queues/handlers/dcl-view-rebuild.ts'
import { buildServices } from '../../../workers/services/container.ts'
import { RebuildCancelled, rebuildViewIn } from '../../../workers/services/dcl/rebuild-view.ts'
import {
  finishJobAttempts,
  isJobCancelRequested,
  jobProgressReporter,
  startJobAttempts,
} from '../../../workers/services/jobs/job-attempts.ts'
import { addMember, call, expectProblem, signup } from '../../support/api.ts'
import { type JobBody, waitForJob } from '../../support/jobs.ts'

type Lineage = { source: string; external_id: string; event_time: string }
type Row = {
  unified_id: string
  data: Record<string, unknown>
  lineage: Record<string, Lineage>
  members: Lineage[]
  sources: string[]
}
type Page = { data: Row[]; total: number; next_cursor: string | null }
type Summary = { entity: string; rows: number; members: number; sources: number; refreshed_at: string | null }

const CRM = 'aos://sources/crm/Account'
const SHOP = 'aos://sources/shop/customers'
const STREAM = '00000000-0000-4000-8000-000000000001'

let seq = 0
const accountEvent = (tenantId: string, source: string, time: string, data: Record<string, unknown>) => ({
  specversion: '1.0',
  id: `test:${++seq}`,
  source,
  type: 'aos.canonical.account.v1',
  subject: data.external_id,
  time,
  tenantid: tenantId,
  datacontenttype: 'application/json',
  dataschema: 'aos://canonical/account/v1',
  data,
})

const rows = async (token: string, query = 'limit=100') =>
  (await (await call(`/v1/dcl/views/account/rows?${query}`, { token })).json()) as Page
const views = async (token: string) =>
  ((await (await call('/v1/dcl/views', { token })).json()) as { data: Summary[] }).data

describe('unified views over the canonical stream', () => {
  let token: string
  let tenantId: string
  let stranger: { token: string; tenantId: string }

  const send = (events: unknown[]) => env.CANONICAL_EVENTS.send({ tenant_id: tenantId, stream_id: STREAM, events })

  beforeAll(async () => {
    const owner = await signup('Views Co')
    token = owner.tokens.access_token
    tenantId = owner.tokens.tenant_id
    const other = await signup('Other Views Co')
    stranger = { token: other.tokens.access_token, tenantId: other.tokens.tenant_id }
  })

  it('merges duplicates from two sources in different formats into one row per company, with lineage', async () => {
    // The CRM and the shop each know Acme and Globex, spelled their own way; Acme Logistics is a look-alike.
    await send([
      accountEvent(tenantId, CRM, '2026-01-02T00:00:00Z', {
        external_id: 'A1',
        name: 'Acme Corporation',
        domain: 'acme.com',
        phone: '+1 415 555 0100',
        industry: 'Manufacturing',
      }),
      accountEvent(tenantId, CRM, '2026-01-02T00:00:00Z', {
        external_id: 'A2',
        name: 'Acme Logistics',
        domain: 'acmelogistics.com',
      }),
      accountEvent(tenantId, CRM, '2026-01-02T00:00:00Z', { external_id: 'A3', name: 'Globex', domain: 'globex.com' }),
    ])
    await send([
      accountEvent(tenantId, SHOP, '2026-01-03T00:00:00Z', {
        external_id: '17',
        name: 'ACME Corp.',
        domain: 'www.acme.com',
        phone: null,
      }),
      accountEvent(tenantId, SHOP, '2026-01-03T00:00:00Z', {
        external_id: '18',
        name: 'Globex Inc',
        domain: 'globex.com',
        employee_count: 120,
      }),
    ])
    await expect.poll(async () => (await rows(token)).total, { timeout: 20_000 }).toBe(3)
    await expect.poll(async () => (await rows(token)).data.filter((r) => r.sources.length === 2).length).toBe(2)
    const page = await rows(token)
    const acme = page.data.find((r) => r.data.domain !== undefined && r.members.some((m) => m.external_id === 'A1'))
    expect(acme?.members.map((m) => m.external_id).sort()).toEqual(['17', 'A1'])
    expect(acme?.sources).toEqual([CRM, SHOP].sort())
    // Newest non-null wins: the shop's newer name, the CRM's phone (the shop's is null) and industry.
    expect(acme?.data).toMatchObject({ name: 'ACME Corp.', phone: '+1 415 555 0100', industry: 'Manufacturing' })
    expect(acme?.lineage.name).toMatchObject({ source: SHOP, external_id: '17' })
    expect(acme?.lineage.phone).toMatchObject({ source: CRM, external_id: 'A1' })
    expect(page.data.find((r) => r.members.some((m) => m.external_id === 'A2'))?.members).toHaveLength(1)

    const detail = (await (await call(`/v1/dcl/views/account/rows/${acme?.unified_id}`, { token })).json()) as Row & {
      member_records: (Lineage & { data: Record<string, unknown> })[]
    }
    expect(detail.member_records.map((m) => m.data.name).sort()).toEqual(['ACME Corp.', 'Acme Corporation'])

    const summary = (await views(token)).find((v) => v.entity === 'account')
    expect(summary).toMatchObject({ rows: 3, members: 5, sources: 2 })
  })

  it('filters by name and by source, and pages with a cursor', async () => {
    expect((await rows(token, 'q=acme')).total).toBe(2)
    expect((await rows(token, `q=GLOBEX&source=${encodeURIComponent(SHOP)}`)).data).toHaveLength(1)
    const first = await rows(token, 'limit=2')
    expect(first.data).toHaveLength(2)
    expect(first.next_cursor).not.toBeNull()
    const second = (await (
      await call(`/v1/dcl/views/account/rows?limit=2&cursor=${first.next_cursor}`, { token })
    ).json()) as Page
    expect(second.data).toHaveLength(1)
    expect(second.next_cursor).toBeNull()
    const seen = [...first.data, ...second.data].map((r) => r.unified_id)
    expect(new Set(seen).size).toBe(3)
  })

  it('refreshes a row incrementally when one source changes it, and a rebuild keeps the ids', async () => {
    const before = await rows(token)
    const acmeId = before.data.find((r) => r.members.some((m) => m.external_id === 'A1'))?.unified_id
    await send([
      accountEvent(tenantId, CRM, '2026-01-05T00:00:00Z', {
        external_id: 'A1',
        name: 'Acme Corporation',
        domain: 'acme.com',
        phone: '+1 415 555 0199',
      }),
    ])
    await expect
      .poll(async () => (await rows(token)).data.find((r) => r.unified_id === acmeId)?.data.name, { timeout: 20_000 })
      .toBe('Acme Corporation')
    const after = (await rows(token)).data.find((r) => r.unified_id === acmeId)
    expect(after?.data.phone).toBe('+1 415 555 0199')
    expect(after?.lineage.name?.source).toBe(CRM)
    // The other rows were not rewritten.
    const untouched = (r: Row[]) => r.filter((x) => x.unified_id !== acmeId).map((x) => JSON.stringify(x))
    expect(untouched((await rows(token)).data).sort()).toEqual(untouched(before.data).sort())

    const rebuilt = await call('/v1/dcl/views/account/rebuild', { method: 'POST', token })
    expect(rebuilt.status).toBe(200)
    expect(await rebuilt.json()).toMatchObject({ entity: 'account', rows: 3, members: 5 })
    expect((await rows(token)).data.map((r) => r.unified_id).sort()).toEqual(
      before.data.map((r) => r.unified_id).sort(),
    )
  })

  it('exports the view as Arrow for the DuckDB preview', async () => {
    const res = await call('/v1/dcl/views/account/arrow', { token })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/vnd.apache.arrow.stream')
    const table = tableFromIPC(new Uint8Array(await res.arrayBuffer()))
    expect(table.numRows).toBe(3)
    expect(table.schema.fields.map((f) => f.name)).toEqual(
      expect.arrayContaining(['unified_id', 'name', 'domain', 'sources']),
    )
    expect(String(table.schema.fields.find((f) => f.name === 'employee_count')?.type)).toBe('Float64')
  })

  it('answers an unknown view with 404 and bad parameters with 400', async () => {
    const unknown = await expectProblem(await call('/v1/dcl/views/invoice/rows', { token }), 404, 'not_found')
    expect(unknown.detail).toContain('account')
    await expectProblem(await call('/v1/dcl/views/invoice/arrow', { token }), 404, 'not_found')
    await expectProblem(await call('/v1/dcl/views/invoice/rebuild', { method: 'POST', token }), 404, 'not_found')
    await expectProblem(await call('/v1/dcl/views/account/rows?limit=0', { token }), 400, 'validation_failed')
    await expectProblem(await call('/v1/dcl/views/account/rows?cursor=nonsense', { token }), 400, 'bad_request')
    await expectProblem(await call('/v1/dcl/views/account/rows/not-a-uuid', { token }), 400, 'validation_failed')
    await expectProblem(await call(`/v1/dcl/views/account/rows/${crypto.randomUUID()}`, { token }), 404, 'not_found')
  })

  it('lets a viewer read the views but not rebuild them', async () => {
    const viewer = await addMember(token, { role: 'viewer' })
    expect((await rows(viewer.tokens.access_token)).total).toBe(3)
    await expectProblem(
      await call('/v1/dcl/views/account/rebuild', { method: 'POST', token: viewer.tokens.access_token }),
      403,
      'forbidden',
    )
  })

  it("never shows a tenant another tenant's rows, by route or by RLS", async () => {
    const own = await rows(token)
    expect((await rows(stranger.token)).total).toBe(0)
    expect((await views(stranger.token)).every((v) => v.rows === 0)).toBe(true)
    await expectProblem(
      await call(`/v1/dcl/views/account/rows/${own.data[0]?.unified_id}`, { token: stranger.token }),
      404,
      'not_found',
    )
    const arrow = tableFromIPC(
      new Uint8Array(await (await call('/v1/dcl/views/account/arrow', { token: stranger.token })).arrayBuffer()),
    )
    expect(arrow.numRows).toBe(0)
    // A rebuild by the stranger builds only their own (empty) view.
    expect(
      await (await call('/v1/dcl/views/account/rebuild', { method: 'POST', token: stranger.token })).json(),
    ).toMatchObject({ rows: 0 })
    expect((await rows(token)).total).toBe(3)

    const { db, close } = openDatabase(env.DATABASE_URL as string, env.DB_WS_PROXY)
    try {
      const seen = await withTenant(db, stranger.tenantId, (tx) =>
        tx.execute<{ n: number }>(sql`select count(*)::int as n from dcl_unified_rows`),
      )
      expect(seen.rows[0]?.n).toBe(0)
      await expect(
        withTenant(db, stranger.tenantId, (tx) =>
          tx.execute(sql`insert into dcl_unified_rows (tenant_id, entity, unified_id, data, lineage, members, member_keys, sources)
            values (${tenantId}, 'account', ${crypto.randomUUID()}, '{}', '{}', '[]', '{}', '{}')`),
        ),
      ).rejects.toThrow()
    } finally {
      await close()
    }
  })
})

describe('incremental refresh through the view keys', () => {
  it("merges a changed record into the row its new domain points at, and never reaches another tenant's keys", async () => {
    const owner = await signup('Keys Co')
    const other = await signup('Other Keys Co')
    const [tenantId, strangerId] = [owner.tokens.tenant_id, other.tokens.tenant_id]
    const send = (tenant: string, events: unknown[]) =>
      env.CANONICAL_EVENTS.send({ tenant_id: tenant, stream_id: STREAM, events })

    // The stranger holds a company whose domain the owner's record will point at later.
    await send(strangerId, [
      accountEvent(strangerId, CRM, '2026-01-02T00:00:00Z', { external_id: 'H1', name: 'Hooli', domain: 'hooli.com' }),
    ])
    await send(tenantId, [
      accountEvent(tenantId, CRM, '2026-01-02T00:00:00Z', {
        external_id: 'C1',
        name: 'Initech',
        domain: 'initech.com',
      }),
      accountEvent(tenantId, SHOP, '2026-01-02T00:00:00Z', { external_id: 'S9', name: 'Penetrode' }),
      accountEvent(tenantId, SHOP, '2026-01-02T00:00:00Z', { external_id: 'S10', name: 'Chotchkies' }),
    ])
    await expect.poll(async () => (await rows(owner.tokens.access_token)).total, { timeout: 20_000 }).toBe(3)
    await expect.poll(async () => (await rows(other.tokens.access_token)).total, { timeout: 20_000 }).toBe(1)
    const initech = (await rows(owner.tokens.access_token)).data.find((r) =>
      r.members.some((m) => m.external_id === 'C1'),
    )

    // The shop now gives Initech's web domain for S9, and Hooli's (another tenant's company) for S10.
    await send(tenantId, [
      accountEvent(tenantId, SHOP, '2026-01-04T00:00:00Z', {
        external_id: 'S9',
        name: 'Penetrode',
        domain: 'www.initech.com',
      }),
      accountEvent(tenantId, SHOP, '2026-01-04T00:00:00Z', {
        external_id: 'S10',
        name: 'Chotchkies',
        domain: 'hooli.com',
      }),
    ])
    await expect.poll(async () => (await rows(owner.tokens.access_token)).total, { timeout: 20_000 }).toBe(2)
    const after = (await rows(owner.tokens.access_token)).data
    const merged = after.find((r) => r.unified_id === initech?.unified_id)
    expect(merged?.members.map((m) => m.external_id).sort()).toEqual(['C1', 'S9'])
    expect(after.find((r) => r.members.some((m) => m.external_id === 'S10'))?.members).toHaveLength(1)
    const hooli = (await rows(other.tokens.access_token)).data
    expect(hooli.map((r) => r.members.map((m) => m.external_id))).toEqual([['H1']])

    const { db, close } = openDatabase(env.DATABASE_URL as string, env.DB_WS_PROXY)
    try {
      const keysOf = (tenant: string) =>
        withTenant(db, tenant, (tx) =>
          tx.execute<{ tenant_id: string; key: string; unified_id: string }>(
            sql`select tenant_id, key, unified_id from dcl_unified_keys order by key`,
          ),
        )
      const ownKeys = (await keysOf(tenantId)).rows
      expect(ownKeys.filter((k) => k.key === 'domain:initech.com')).toEqual([
        { tenant_id: tenantId, key: 'domain:initech.com', unified_id: initech?.unified_id },
      ])
      // Each tenant sees only its own keys, and cannot write into another tenant's.
      expect(ownKeys.every((k) => k.tenant_id === tenantId)).toBe(true)
      const strangerKeys = (await keysOf(strangerId)).rows
      expect(strangerKeys.length).toBeGreaterThan(0)
      expect(strangerKeys.every((k) => k.tenant_id === strangerId)).toBe(true)
      await expect(
        withTenant(db, strangerId, (tx) =>
          tx.execute(sql`insert into dcl_unified_keys (tenant_id, entity, key, unified_id)
            values (${tenantId}, 'account', 'domain:initech.com', ${crypto.randomUUID()})`),
        ),
      ).rejects.toThrow()
    } finally {
      await close()
    }
  })
  it('skips a lookup key too common to say two records are one, and finds nothing by another tenant', async () => {
    const owner = await signup('Switchboard Co')
    const other = await signup('Other Switchboard Co')
    const [tenantId, strangerId] = [owner.tokens.tenant_id, other.tokens.tenant_id]
    // Three companies behind one switchboard number: three rows sharing the phone key.
    await env.CANONICAL_EVENTS.send({
      tenant_id: tenantId,
      stream_id: STREAM,
      events: ['alpha', 'beta', 'gamma'].map((n) =>
        accountEvent(tenantId, CRM, '2026-01-02T00:00:00Z', {
          external_id: n,
          name: n,
          domain: `${n}.example`,
          phone: '+1 415 555 0100',
        }),
      ),
    })
    await expect.poll(async () => (await rows(owner.tokens.access_token)).total, { timeout: 20_000 }).toBe(3)
    const member = (id: string) => memberKey({ source: CRM, externalId: id })
    const [phone] = memberLookup('account', {
      source: CRM,
      externalId: 'x',
      eventTime: '2026-01-02T00:00:00Z',
      data: { name: 'x', phone: '+1 415 555 0100' },
    }).filter((k) => k.startsWith('phone:'))

    const { db, close } = openDatabase(env.DATABASE_URL as string, env.DB_WS_PROXY)
    try {
      const touching = (tenant: string, members: string[], lookup: string[], max: number) =>
        withTenant(db, tenant, (tx) => rowsTouching(tx, tenant, 'account', members, lookup, max))
      const ids = async (found: Promise<{ memberKeys: string[] }[]>) => (await found).map((r) => r.memberKeys).sort()
      expect(await ids(touching(tenantId, [], [phone as string], 3))).toEqual([
        [member('alpha')],
        [member('beta')],
        [member('gamma')],
      ])
      // Held by more rows than the limit: the key is skipped, a member key is always followed.
      expect(await ids(touching(tenantId, [member('beta')], [phone as string], 2))).toEqual([[member('beta')]])
      // The same keys asked for by another tenant, even naming the owner's tenant id, find nothing.
      expect(await touching(strangerId, [member('beta')], [phone as string], 3)).toEqual([])
      expect(
        await withTenant(db, strangerId, (tx) =>
          rowsTouching(tx, tenantId, 'account', [member('beta')], [phone as string], 3),
        ),
      ).toEqual([])
    } finally {
      await close()
    }
  })
  it('rebuilds a view larger than a request handles as a background job, answering 202', async () => {
    // The test stack sets DCL_REBUILD_IN_REQUEST_MAX to 20: 24 source records make a job of the rebuild.
    const big = await signup('Big View Co')
    const stranger = (await signup('Small View Co')).tokens.access_token
    const bigTenant = big.tokens.tenant_id
    await env.CANONICAL_EVENTS.send({
      tenant_id: bigTenant,
      stream_id: STREAM,
      events: Array.from({ length: 24 }, (_, i) =>
        accountEvent(bigTenant, CRM, '2026-01-02T00:00:00Z', {
          external_id: `big-${i}`,
          name: crypto.randomUUID().slice(0, 8),
          domain: `company-${i}.example`,
        }),
      ),
    })
    await expect.poll(async () => (await rows(big.tokens.access_token)).total, { timeout: 20_000 }).toBe(24)
    const before = (await rows(big.tokens.access_token)).data.map((r) => r.unified_id).sort()

    const res = await call('/v1/dcl/views/account/rebuild', { method: 'POST', token: big.tokens.access_token })
    expect(res.status, await res.clone().text()).toBe(202)
    const queued = (await res.json()) as JobBody
    expect(queued.kind).toBe('dcl.view-rebuild')
    const job = await waitForJob(big.tokens.access_token, queued.id, ['succeeded', 'dead'], 60_000)
    expect(job.status, job.last_error ?? '').toBe('succeeded')
    expect(job.result).toMatchObject({ entity: 'account', rows: 24, members: 24 })
    expect((await rows(big.tokens.access_token)).data.map((r) => r.unified_id).sort()).toEqual(before)
    // Another tenant sees neither the job nor its rows.
    await expectProblem(await call(`/v1/jobs/${queued.id}`, { token: stranger }), 404, 'not_found')
    expect((await rows(stranger)).total).toBe(0)
  })
  it('rebuilds to the same rows whether a request or a job runs it and whatever the chunk size, keeping ids', {
    timeout: 60_000,
  }, async () => {
    const owner = await signup('Chunked View Co')
    const other = await signup('Other Chunked Co')
    const [tenantId, strangerId] = [owner.tokens.tenant_id, other.tokens.tenant_id]
    await seedCompanies(owner.tokens.access_token, tenantId, other.tokens.access_token, strangerId)
    const { db, close } = openDatabase(env.DATABASE_URL as string, env.DB_WS_PROXY)
    try {
      const incremental = await view(db, tenantId)
      const strangers = await view(db, strangerId)
      // 16 records, under the stack's DCL_REBUILD_IN_REQUEST_MAX of 20: rebuilt within the request.
      const res = await call('/v1/dcl/views/account/rebuild', { method: 'POST', token: owner.tokens.access_token })
      expect(res.status, await res.clone().text()).toBe(200)
      expect(await res.json()).toMatchObject({ entity: 'account', rows: 8, members: 16 })
      const inRequest = await view(db, tenantId)
      // Acme and Globex: one partition, two rows, each with both its members.
      expect(inRequest.rows.every((r) => (r.member_keys as string[]).length === 2)).toBe(true)
      expect(inRequest.rows.map((r) => r.unified_id)).toEqual(incremental.rows.map((r) => r.unified_id))

      // The job's path with chunks of one record (every partition a chunk of its own), three, and all at once.
      for (const chunk of [1, 3, 2000]) {
        const reported: [number, number, string][] = []
        const result = await withTenant(db, tenantId, (tx) =>
          rebuildViewIn(tx, tenantId, 'account', {
            chunk,
            progress: async (done, total, unit) => {
              reported.push([done, total, unit])
            },
          }),
        )
        expect(result, `chunk ${chunk}`).toMatchObject({ entity: 'account', rows: 8, members: 16 })
        expect(content(await view(db, tenantId)), `chunk ${chunk}`).toEqual(content(inRequest))
        // Progress per chunk, ending at every record resolved.
        expect(reported.filter(([, , unit]) => unit === 'records resolved').length).toBeGreaterThanOrEqual(
          chunk === 2000 ? 1 : 4,
        )
        expect(reported.at(-1)).toEqual([16, 16, 'records resolved'])
      }
      expect(await view(db, strangerId)).toEqual(strangers)
    } finally {
      await close()
    }
  })
  it('stops a cancelled rebuild job between chunks, ending cancelled with the view as it was before', {
    timeout: 60_000,
  }, async () => {
    const owner = await signup('Cancelled View Co')
    const other = await signup('Bystander View Co')
    const [tenantId, strangerId] = [owner.tokens.tenant_id, other.tokens.tenant_id]
    const token = owner.tokens.access_token
    await seedCompanies(token, tenantId, other.tokens.access_token, strangerId)
    const services = buildServices(env, {})
    try {
      const before = await view(services.db, tenantId)
      const strangers = await view(services.db, strangerId)

      // Cancelled halfway through resolving: the rows were deleted and a chunk written, then rolled back.
      let checks = 0
      const reported: string[] = []
      await expect(
        withTenant(services.db, tenantId, (tx) =>
          rebuildViewIn(tx, tenantId, 'account', {
            chunk: 3,
            progress: async (done, _total, unit) => {
              reported.push(`${done} ${unit}`)
            },
            // Six pages keyed, the partitions labelled, one chunk resolved: the eighth check says stop.
            isCancelled: async () => ++checks === 8,
          }),
        ),
      ).rejects.toBeInstanceOf(RebuildCancelled)
      expect(reported.at(-1)).toMatch(/records resolved$/)
      expect(await view(services.db, tenantId)).toEqual(before)

      // The job: claimed, then cancelled through the API while it runs, then handled as the consumer does.
      const { row } = await withTenant(services.db, tenantId, (tx) =>
        insertJob(tx, tenantId, {
          kind: 'dcl.view-rebuild',
          payload: { entity: 'account' },
          maxAttempts: 3,
          idempotencyKey: null,
          createdBy: null,
        }),
      )
      const [job] = await startJobAttempts(services, tenantId, [row.id])
      if (!job) throw new Error('the job was not claimed')
      const res = await call(`/v1/jobs/${job.id}/cancel`, { method: 'POST', token })
      expect(res.status, await res.clone().text()).toBe(202)
      const outcome = await runDclViewRebuild(
        {
          tenantId,
          job,
          services,
          isCancelled: () => isJobCancelRequested(services, tenantId, job.id),
          reportProgress: jobProgressReporter(services, job),
        },
        { entity: 'account' },
      )
      expect(outcome).toEqual({ status: 'cancelled' })
      await finishJobAttempts(services, tenantId, [{ job, outcome }])
      const ended = await waitForJob(token, job.id, ['cancelled', 'succeeded', 'dead'])
      expect(ended).toMatchObject({ status: 'cancelled', result: null })
      // Keyed before it stopped: the progress says how far it came.
      expect(ended.progress).toMatchObject({ done: 16, total: 16, unit: 'records keyed' })
      expect(await view(services.db, tenantId)).toEqual(before)
      // The other tenant neither sees the job nor had its view touched.
      await expectProblem(await call(`/v1/jobs/${job.id}`, { token: other.tokens.access_token }), 404, 'not_found')
      expect(await view(services.db, strangerId)).toEqual(strangers)
    } finally {
      await services.close()
    }
  })
})

/**
 * Eight companies, each in two sources (the shop's in capitals, its domain with www.), for `tenantId`;
 * Acme and Globex share a switchboard phone, so one partition holds both without merging them (their
 * domains differ). One record for the other tenant. Waits until both views hold them.
 */
async function seedCompanies(token: string, tenantId: string, strangerToken: string, strangerId: string) {
  const names = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Vandelay', 'Stark', 'Wayne']
  const send = (events: unknown[]) => env.CANONICAL_EVENTS.send({ tenant_id: tenantId, stream_id: STREAM, events })
  await send(
    names.map((name, i) =>
      accountEvent(tenantId, CRM, '2026-01-02T00:00:00Z', {
        external_id: `c${i}`,
        name: `${name} Corporation`,
        domain: `${name.toLowerCase()}.com`,
        ...(i < 2 ? { phone: '+1 415 555 0100' } : {}),
      }),
    ),
  )
  await send(
    names.map((name, i) =>
      accountEvent(tenantId, SHOP, '2026-01-03T00:00:00Z', {
        external_id: `s${i}`,
        name: `${name.toUpperCase()} INC.`,
        domain: `www.${name.toLowerCase()}.com`,
      }),
    ),
  )
  await env.CANONICAL_EVENTS.send({
    tenant_id: strangerId,
    stream_id: STREAM,
    events: [
      accountEvent(strangerId, CRM, '2026-01-02T00:00:00Z', { external_id: 'c0', name: 'Acme', domain: 'acme.com' }),
    ],
  })
  await expect
    .poll(async () => (await views(token)).find((v) => v.entity === 'account')?.members, { timeout: 20_000 })
    .toBe(16)
  await expect.poll(async () => (await rows(strangerToken)).total, { timeout: 20_000 }).toBe(1)
}

/** A tenant's account view as stored: its rows and its key table. */
const view = async (db: Db, tenant: string) =>
  withTenant(db, tenant, async (tx) => ({
    rows: (
      await tx.execute(sql`select unified_id, data, lineage, members, member_keys, sources, updated_at
        from dcl_unified_rows where entity = 'account' order by unified_id`)
    ).rows,
    keys: (
      await tx.execute(
        sql`select key, unified_id from dcl_unified_keys where entity = 'account' order by key, unified_id`,
      )
    ).rows,
  }))

/** A view without its rows' update times (a rebuild rewrites every row). */
const content = (v: Awaited<ReturnType<typeof view>>) => ({
  rows: v.rows.map(({ updated_at: _, ...r }) => r),
  keys: v.keys,
})
