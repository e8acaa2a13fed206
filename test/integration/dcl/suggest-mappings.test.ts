// A CSV whose customer fields are named its own way: suggested mappings with evidence, accepted, then
// driving how the stream's records reach the DCL as accounts; an edit re-shapes them; a rejected pair is
// not proposed again; another tenant cannot ask for the stream.
import { beforeAll, describe, expect, it } from 'vitest'
import { call, expectProblem, signup } from '../../support/api.ts'
import { settleJobs, uploadCsv, waitForJob } from '../../support/jobs.ts'

type Version = {
  id: string
  source_path: string
  entity: string
  field: string
  transform: string
  confidence: number
  status: string
  provenance: string
  evidence: string[]
}
type Suggestions = {
  entity: string
  suggestions: Version[]
  already_stated: { source_path: string; field: string; status: string }[]
  unmatched: { source_path: string; reason: string }[]
  llm_questions: number
  missing_required: string[]
}
type Entities = {
  data: { entity: string; external_id: string; data: Record<string, unknown> }[]
  counts: Record<string, number>
}

const CSV = [
  'Customer ID,Company Name,Web Site,Billing City,Owner Email',
  'C-1,Acme Corp,https://www.acme.com,Berlin,ann@acme.example',
  'C-2,Globex,globex.io,Paris,bob@globex.example',
  'C-3,Initech,http://initech.net/about,Austin,cy@initech.example',
].join('\n')

describe('suggested mappings drive how a stream reaches the DCL', () => {
  let token: string
  let stranger: string
  let connectionId: string
  let streamId: string

  const suggest = async (body: Record<string, unknown>, as = token) =>
    call('/v1/dcl/mappings/suggest', { token: as, body })
  const accounts = async () =>
    ((await (await call('/v1/dcl/entities?entity=account&limit=100', { token })).json()) as Entities).data

  beforeAll(async () => {
    token = (await signup('Suggest Co')).tokens.access_token
    stranger = (await signup('Stranger Co')).tokens.access_token
    expect((await call('/v1/flags/USE_AAM_AS_SOURCE', { method: 'PUT', token, body: { value: true } })).status).toBe(
      200,
    )
    const res = await call('/v1/connections', {
      token,
      body: { kind: 'file', name: 'Customers export', config: { primary_key: 'Customer ID' } },
    })
    connectionId = ((await res.json()) as { id: string }).id
    await uploadCsv(token, connectionId, 'customers', CSV)
    const streams = (await (await call(`/v1/connections/${connectionId}/streams`, { token })).json()) as {
      data: { id: string }[]
    }
    streamId = streams.data[0]?.id as string
    await settleJobs(token)
  }, 180_000)

  it('refuses a bad body, and another tenant’s or an unknown stream, as problems', async () => {
    const bad = await expectProblem(await suggest({ stream_id: 'nope' }), 400, 'validation_failed')
    expect(bad.errors?.[0]?.path).toBe('stream_id')
    await expectProblem(await suggest({ stream_id: streamId, entity: 'invoice' }), 400, 'validation_failed')
    await expectProblem(await suggest({ stream_id: streamId }, stranger), 404, 'not_found')
    await expectProblem(await suggest({ stream_id: crypto.randomUUID() }), 404, 'not_found')
    // Nothing was written for anyone.
    const listed = (await (await call('/v1/dcl/mappings', { token })).json()) as { data: unknown[] }
    expect(listed.data).toEqual([])
  })

  it('proposes the customer fields as an account, with evidence, and writes a repeat as nothing new', async () => {
    const res = await suggest({ stream_id: streamId })
    expect(res.status).toBe(200)
    const body = (await res.json()) as Suggestions
    expect(body.entity).toBe('account')
    const pairs = Object.fromEntries(body.suggestions.map((s) => [s.source_path, s.field]))
    // The connection's declared key is the account's external_id, whatever its name says.
    expect(pairs).toEqual({ 'Customer ID': 'external_id', 'Company Name': 'name', 'Web Site': 'domain' })
    // Look-alikes with another meaning stay unmatched, with the reason.
    expect(body.unmatched).toContainEqual({
      source_path: 'Billing City',
      reason: "not 'billing_country': 'city' is not 'country'",
    })
    expect(body.unmatched.map((u) => u.source_path)).toContain('Owner Email')
    for (const s of body.suggestions) {
      expect(s).toMatchObject({ status: 'proposed', entity: 'account', transform: 'none' })
      expect(['heuristic', 'llm']).toContain(s.provenance)
      expect(s.evidence.length).toBeGreaterThan(0)
      expect(s.confidence).toBeGreaterThan(0)
    }
    expect(body.missing_required).toEqual([])
    const again = (await (await suggest({ stream_id: streamId, entity: 'account' })).json()) as Suggestions
    expect(again.suggestions).toEqual([])
    expect(again.already_stated.map((s) => s.source_path).sort()).toEqual(Object.keys(pairs).sort())
    // The stranger sees none of it.
    const theirs = (await (await call('/v1/dcl/mappings', { token: stranger })).json()) as { data: unknown[] }
    expect(theirs.data).toEqual([])
  })

  it('turns accepted mappings into accounts on the next sync, and never proposes a rejected pair again', async () => {
    const { data } = (await (await call('/v1/dcl/mappings?status=proposed', { token })).json()) as { data: Version[] }
    for (const m of data) {
      const decision = m.source_path === 'Company Name' ? 'accept' : 'reject'
      expect((await call(`/v1/dcl/mappings/${m.id}/${decision}`, { token, body: {} })).status).toBe(200)
    }
    // The key, stated by hand after its suggestion was rejected with the rest.
    const key = await call('/v1/dcl/mappings', {
      token,
      body: {
        source_system: 'file',
        connection_id: connectionId,
        source_stream: 'customers',
        source_path: 'Customer ID',
        entity: 'account',
        field: 'external_id',
      },
    })
    expect(key.status).toBe(201)
    const after = (await (await suggest({ stream_id: streamId })).json()) as Suggestions
    expect(after.suggestions).toEqual([])
    expect(after.unmatched).toContainEqual({
      source_path: 'Web Site',
      reason: "not 'domain': the tenant rejected this pair",
    })
    expect(after.missing_required).toEqual([])

    const res = await call('/v1/dcl/backfill', { method: 'POST', token })
    expect(res.status).toBe(202)
    await waitForJob(token, ((await res.json()) as { id: string }).id, ['succeeded'], 60_000)
    await expect.poll(async () => (await accounts()).length, { timeout: 30_000 }).toBe(3)
    const acme = (await accounts()).find((a) => a.external_id === 'C-1')
    expect(acme?.data).toEqual({ external_id: 'C-1', name: 'Acme Corp' })
  }, 120_000)

  it('re-shapes the accounts when a mapping is edited with a transform', async () => {
    const edit = await call('/v1/dcl/mappings', {
      token,
      body: {
        source_system: 'file',
        connection_id: connectionId,
        source_stream: 'customers',
        source_path: 'Company Name',
        entity: 'account',
        field: 'name',
        transform: 'uppercase',
        status: 'accepted',
      },
    })
    expect(edit.status).toBe(201)
    await uploadCsv(token, connectionId, 'customers', CSV)
    await expect
      .poll(async () => (await accounts()).find((a) => a.external_id === 'C-2')?.data.name, { timeout: 30_000 })
      .toBe('GLOBEX')
  }, 120_000)
})
