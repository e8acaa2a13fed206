import { beforeAll, describe, expect, inject, it } from 'vitest'
import { type Account, call, expectProblem, signup } from '../../support/api.ts'
import { syncConnection } from '../../support/jobs.ts'

type Stream = { id: string; name: string; record_count: number; schema: { path: string; type: string }[] }
type SyncResult = { rows: number; stored: number; quarantined: number; skipped_streams: string[] }
type Stats = { tokenRequests: number; queryCalls: number; queryMoreCalls: number }

// Each run is its own org in the Salesforce stand-in (the harness, on loopback), seeded with 36
// Accounts, 72 Contacts and 48 Opportunities; the harness serves query results in pages of 25.
const clientId = `3MVG9-${crypto.randomUUID().slice(0, 8)}`
const fake = () => `${inject('harnessUrl')}/salesforce`
const control = async (path: string, body?: unknown) => {
  const res = await fetch(`${fake()}/_control/${clientId}/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  expect(res.status, await res.clone().text()).toBe(200)
  return res.json()
}
const stats = () => control('stats') as Promise<Stats>

const sync = (token: string, id: string) => syncConnection<SyncResult>(token, id)

const streamsOf = async (token: string, id: string) =>
  ((await (await call(`/v1/connections/${id}/streams`, { token })).json()) as { data: Stream[] }).data
const count = async (token: string, id: string, name: string) =>
  (await streamsOf(token, id)).find((s) => s.name === name)?.record_count

const createSalesforce = (token: string, credentials: Record<string, string>, config: Record<string, unknown> = {}) =>
  call('/v1/connections', {
    token,
    body: { kind: 'salesforce', name: 'Salesforce', credentials, config: { login_url: fake(), ...config } },
  })

async function entities(token: string, entity?: string) {
  const res = await call(`/v1/dcl/entities?limit=500${entity ? `&entity=${entity}` : ''}`, { token })
  expect(res.status).toBe(200)
  return (await res.json()) as {
    data: { external_id: string; versions: number; data: Record<string, unknown> }[]
    counts: Record<string, number>
  }
}

describe('Salesforce source', () => {
  let owner: Account
  let token: string
  let connectionId: string
  beforeAll(async () => {
    owner = await signup('Salesforce Co')
    token = owner.tokens.access_token
    // The DCL reads from the AAM for this tenant: every sync feeds its canonical events to the DCL queue.
    const flag = await call('/v1/flags/USE_AAM_AS_SOURCE', { method: 'PUT', token, body: { value: true } })
    expect(flag.status).toBe(200)
    const res = await createSalesforce(token, { client_id: clientId, client_secret: `secret-${clientId}` })
    expect(res.status, await res.clone().text()).toBe(201)
    connectionId = ((await res.json()) as { id: string }).id
  })

  it('keeps the credentials write-only and validates the login URL', async () => {
    const text = await (await call(`/v1/connections/${connectionId}`, { token })).text()
    expect(text).not.toContain(`secret-${clientId}`)
    expect(text).not.toContain(clientId)
    expect(JSON.parse(text)).toMatchObject({
      kind: 'salesforce',
      config: { objects: ['Account', 'Contact', 'Opportunity'], api_version: 'v60.0' },
    })
    const plain = await createSalesforce(
      token,
      { client_id: 'x', client_secret: 'y' },
      { login_url: 'http://example.com' },
    )
    const problem = await expectProblem(plain, 400, 'validation_failed')
    expect(problem.errors).toEqual([expect.objectContaining({ path: 'config.login_url' })])
    const internal = await createSalesforce(
      token,
      { client_id: 'x', client_secret: 'y' },
      { login_url: 'https://10.1.2.3' },
    )
    await expectProblem(internal, 400, 'validation_failed')
    const missing = await call('/v1/connections', { token, body: { kind: 'salesforce', name: 'No credentials' } })
    expect((await expectProblem(missing, 400, 'validation_failed')).errors?.[0]?.path).toMatch(/^credentials/)
  })

  it('says when Salesforce refuses the credentials, without echoing them', async () => {
    const res = await createSalesforce(token, { client_id: clientId, client_secret: 'wrong-secret' })
    const id = ((await res.json()) as { id: string }).id
    const problem = await expectProblem(
      await call(`/v1/connections/${id}/test`, { method: 'POST', token }),
      502,
      'source_unreachable',
    )
    expect(problem.detail).toContain('invalid_client')
    expect(problem.detail).toContain('consumer key and secret')
    expect(JSON.stringify(problem)).not.toContain('wrong-secret')
  })

  it('tests the org and discovers each object with typed fields', async () => {
    const tested = await call(`/v1/connections/${connectionId}/test`, { method: 'POST', token })
    expect(tested.status).toBe(200)
    expect(((await tested.json()) as { checked: string[] }).checked).toContain(
      'selected objects readable: Account, Contact, Opportunity',
    )
    const res = await call(`/v1/connections/${connectionId}/discover`, { method: 'POST', token })
    const { streams } = (await res.json()) as { streams: { name: string; schema: Stream['schema'] }[] }
    expect(streams.map((s) => s.name)).toEqual(['Account', 'Contact', 'Opportunity'])
    const typeOf = (object: string, field: string) =>
      streams.find((s) => s.name === object)?.schema.find((f) => f.path === field)?.type
    expect(typeOf('Account', 'AnnualRevenue')).toBe('number')
    expect(typeOf('Account', 'NumberOfEmployees')).toBe('integer')
    expect(typeOf('Opportunity', 'CloseDate')).toBe('date')
    expect(typeOf('Opportunity', 'SystemModstamp')).toBe('timestamp')
    expect(typeOf('Contact', 'Email')).toBe('string')
  })

  it('syncs every object across nextRecordsUrl pages, then reads only changes after the cursor', async () => {
    const before = await stats()
    await sync(token, connectionId)
    expect(await count(token, connectionId, 'Account')).toBe(36)
    expect(await count(token, connectionId, 'Contact')).toBe(72)
    expect(await count(token, connectionId, 'Opportunity')).toBe(48)
    expect((await stats()).queryMoreCalls - before.queryMoreCalls).toBeGreaterThanOrEqual(4)

    const account = (await streamsOf(token, connectionId)).find((s) => s.name === 'Account') as Stream
    const records = (await (await call(`/v1/streams/${account.id}/records?limit=1`, { token })).json()) as {
      data: { data: { external_id: string; attributes: Record<string, unknown> } }[]
    }
    const first = records.data[0]?.data
    expect(first?.external_id).toMatch(/^001/)
    expect(first?.attributes).toHaveProperty('Name')
    expect(first?.attributes).not.toHaveProperty('attributes')
    expect(first?.attributes.SystemModstamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)

    const stored = (await control('records/Account', {
      records: [
        { Name: 'Initech' },
        { Name: 'Hooli', Website: 'https://hooli.xyz' },
        { Id: first?.external_id, Industry: 'Energy' },
      ],
    })) as { records: unknown[] }
    expect(stored.records).toHaveLength(3)
    const result = await sync(token, connectionId)
    // Two new accounts and a new version of an updated one; a full re-read would have read 156 rows.
    expect(await count(token, connectionId, 'Account')).toBe(39)
    expect(result.rows).toBeLessThanOrEqual(3)
  })

  it('feeds canonical accounts, contacts and opportunities to the DCL, each entity once', async () => {
    await expect
      .poll(async () => (await entities(token)).counts, { timeout: 20_000 })
      .toEqual({
        account: 38,
        contact: 72,
        opportunity: 48,
      })
    const accounts = await entities(token, 'account')
    const hooli = accounts.data.find((e) => e.data.name === 'Hooli')
    expect(hooli?.data).toMatchObject({ name: 'Hooli', domain: 'hooli.xyz' })
    const updated = accounts.data.find((e) => e.data.industry === 'Energy')
    expect(updated?.versions).toBe(2)
    const opportunity = (await entities(token, 'opportunity')).data[0]?.data
    expect(opportunity).toHaveProperty('stage')
    expect(opportunity?.account_external_id).toMatch(/^001/)

    // Another tenant's DCL holds none of it.
    const stranger = await signup('Stranger Co')
    expect((await entities(stranger.tokens.access_token)).counts).toEqual({})
  })

  it('gets a new token when the session expires mid-life', async () => {
    const before = await stats()
    await control('expire-tokens', {})
    await control('records/Contact', { records: [{ LastName: 'Hopper', FirstName: 'Grace', Email: 'grace@navy.mil' }] })
    await sync(token, connectionId)
    expect(await count(token, connectionId, 'Contact')).toBe(73)
    expect((await stats()).tokenRequests).toBeGreaterThan(before.tokenRequests)
  })

  it('quarantines a record that cannot be a canonical account, with the reason', async () => {
    await control('records/Account', { records: [{ Name: null, Industry: 'Retail' }] })
    await sync(token, connectionId)
    const account = (await streamsOf(token, connectionId)).find((s) => s.name === 'Account') as Stream
    const quarantine = (await (await call(`/v1/streams/${account.id}/quarantine`, { token })).json()) as {
      data: { id: string; reason: string; raw: string }[]
    }
    expect(quarantine.data).toHaveLength(1)
    expect(quarantine.data[0]?.reason).toContain('account v1')
    expect(quarantine.data[0]?.reason).toContain('name')
    expect(JSON.parse(quarantine.data[0]?.raw ?? '{}')).toMatchObject({ Industry: 'Retail' })
    // The connection's view lists the same item, whichever stream it belongs to.
    const all = (await (await call(`/v1/connections/${connectionId}/quarantine`, { token })).json()) as {
      data: { id: string }[]
    }
    expect(all.data.map((q) => q.id)).toEqual(quarantine.data.map((q) => q.id))
    // Replayed with the missing name, it becomes a record like any other.
    const raw = JSON.parse(quarantine.data[0]?.raw ?? '{}') as Record<string, unknown>
    const replay = await call(`/v1/quarantine/${quarantine.data[0]?.id}/replay`, {
      token,
      body: { record: { ...raw, Name: 'Umbrella Corp' } },
    })
    expect(replay.status, await replay.clone().text()).toBe(200)
    expect(await count(token, connectionId, 'Account')).toBe(40)
    // …and reaches the DCL as the account it now is.
    await expect
      .poll(async () => (await entities(token, 'account')).data.some((e) => e.data.name === 'Umbrella Corp'))
      .toBe(true)
  })

  it('detects a renamed and an added field on the next sync', async () => {
    await control('rename-field', { object: 'Contact', from: 'Phone', to: 'PhoneNumber' })
    await control('add-field', { object: 'Contact', name: 'Tier__c', type: 'picklist', value: 'gold' })
    await sync(token, connectionId)
    const contact = (await streamsOf(token, connectionId)).find((s) => s.name === 'Contact') as Stream
    const drift = (await (await call(`/v1/streams/${contact.id}/drift`, { token })).json()) as {
      data: { changes: { kind: string; from?: string; to?: string; path: string }[] }[]
    }
    expect(drift.data).toHaveLength(1)
    expect(drift.data[0]?.changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'renamed', from: 'Phone', to: 'PhoneNumber' }),
        expect.objectContaining({ kind: 'added', path: 'Tier__c' }),
      ]),
    )
  })

  it('fails a sync Salesforce cannot serve, then succeeds on the retry', async () => {
    await control('fail-next', { status: 503 })
    const result = await sync(token, connectionId)
    expect(result.skipped_streams).toEqual([])
  })

  it('keeps another tenant out of the connection', async () => {
    const stranger = await signup('Other Co')
    const strangerToken = stranger.tokens.access_token
    await expectProblem(
      await call(`/v1/connections/${connectionId}/quarantine`, { token: strangerToken }),
      404,
      'not_found',
    )
    for (const path of ['test', 'discover', 'sync']) {
      await expectProblem(
        await call(`/v1/connections/${connectionId}/${path}`, { method: 'POST', token: strangerToken }),
        404,
        'not_found',
      )
    }
  })
})
