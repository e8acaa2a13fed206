// The workspace's own metadata in the knowledge base after real syncs: a drifted stream's changes, the
// accepted mappings and the unified view they feed, each found by search, and only by its own tenant.
import { beforeAll, describe, expect, it } from 'vitest'
import { call, signup } from '../../support/api.ts'
import { settleJobs, uploadCsv, waitForJob } from '../../support/jobs.ts'

interface Hit {
  document_key: string
  title: string | null
  text: string
  headings: string[]
}

const V1 = 'Customer ID,Company Name\nC-1,Acme Corp\nC-2,Globex\n'
// A new column: non-breaking drift, applied by itself.
const V2 = 'Customer ID,Company Name,Region\nC-3,Initech,EMEA\n'

async function search(token: string, query: string, documentKeys?: string[]): Promise<Hit[]> {
  const filter = { source_kinds: ['metadata'], ...(documentKeys ? { document_keys: documentKeys } : {}) }
  const res = await call('/v1/kb/search', { token, body: { query, limit: 3, filter } })
  expect(res.status, await res.clone().text()).toBe(200)
  return ((await res.json()) as { data: Hit[] }).data
}

describe('metadata documents for drift, mappings and unified views', () => {
  let token: string
  let connectionId: string
  let streamId: string

  beforeAll(async () => {
    token = (await signup('Meta Drift Co')).tokens.access_token
    expect((await call('/v1/flags/USE_AAM_AS_SOURCE', { method: 'PUT', token, body: { value: true } })).status).toBe(
      200,
    )
    const created = await call('/v1/connections', {
      token,
      body: { kind: 'file', name: 'Salesforce', config: { primary_key: 'Customer ID' } },
    })
    connectionId = ((await created.json()) as { id: string }).id
    for (const [source_path, field] of [
      ['Customer ID', 'external_id'],
      ['Company Name', 'name'],
    ]) {
      const saved = await call('/v1/dcl/mappings', {
        token,
        body: {
          source_system: 'file',
          connection_id: connectionId,
          source_stream: 'Account',
          source_path,
          entity: 'account',
          field,
        },
      })
      expect(saved.status, await saved.clone().text()).toBe(201)
    }
    await uploadCsv(token, connectionId, 'Account', V1)
    await uploadCsv(token, connectionId, 'Account', V2)
    const streams = (await (await call(`/v1/connections/${connectionId}/streams`, { token })).json()) as {
      data: { id: string }[]
    }
    streamId = streams.data[0]?.id as string
    await settleJobs(token)
    // The DCL applies the canonical events from its own queue.
    const accountRows = async () =>
      (
        (await (await call('/v1/dcl/views', { token })).json()) as { data: { entity: string; rows: number }[] }
      ).data.find((v) => v.entity === 'account')?.rows
    for (let tries = 0; (await accountRows()) !== 3; tries++) {
      expect(tries, 'the account view never reached 3 rows').toBeLessThan(150)
      await new Promise((r) => setTimeout(r, 200))
    }
    // A fresh refresh: the one each sync queued may have run before the view was refreshed.
    const queued = await call('/v1/jobs', { method: 'POST', token, body: { kind: 'kb.metadata' } })
    const job = await waitForJob(token, ((await queued.json()) as { id: string }).id, ['succeeded', 'dead'], 30_000)
    expect(job.status, job.last_error ?? '').toBe('succeeded')
  }, 180_000)

  it('answers “what changed in Salesforce Account” with the stream’s drift history', async () => {
    const [top] = await search(token, 'what changed in Salesforce Account last week?')
    expect(top?.document_key).toBe(`aos-metadata/drift/${streamId}`)
    expect(top?.title).toBe('Schema changes in Salesforce Account')
    expect(top?.text).toContain('field `Region` added. Action: propagated; decision: no review needed.')
  })

  it('finds the accepted mappings of a stream and the unified view they feed, with its sources', async () => {
    // The decision itself (a precedent document, decision 0XX) answers it, and so does the stream's connection.
    const [mapping] = await search(token, 'which field maps to account name?')
    expect(mapping?.text).toMatch(/Company Name (maps to|→) account\.name/)
    const connection = `aos-metadata/connections/${connectionId}`
    const [stream] = await search(token, 'which field maps to account name?', [connection])
    expect(stream?.text).toContain('Company Name maps to account.name (accepted, confidence 100%).')

    const [view] = await search(token, 'how many rows does the unified account view have and where from?')
    expect(view?.document_key).toBe('aos-metadata/views/account')
    expect(view?.text).toContain('3 unified account rows')
    expect(view?.text).toContain('- connection Salesforce, stream Account: in 3 rows.')
  })

  it('shows none of it to another tenant', async () => {
    const other = (await signup('Nosy Co')).tokens.access_token
    expect(await search(other, 'what changed in Salesforce Account')).toEqual([])
    expect(await search(other, 'unified account view')).toEqual([])
  })
})
