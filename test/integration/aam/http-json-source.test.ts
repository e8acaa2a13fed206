import { beforeAll, describe, expect, inject, it } from 'vitest'
import { call, expectProblem, signup } from '../../support/api.ts'
import { syncConnection } from '../../support/jobs.ts'

type Stream = { id: string; name: string; record_count: number }
type SyncResult = { rows: number; stored: number; drift_changes: number }

// The "public endpoint": a feed of its own on the harness's JSON stand-in (test/support/fake-json-feed.ts).
const feed = `${inject('harnessUrl')}/json-feed/stations-${crypto.randomUUID().slice(0, 8)}`
const publish = async (items: Record<string, unknown>[]) => {
  const res = await fetch(feed, { method: 'PUT', body: JSON.stringify({ data: { items } }) })
  expect(res.status).toBe(204)
}
const station = (id: number, bikes: number) => ({ id: `st-${id}`, name: `Station ${id}`, bikes })

const sync = (token: string, id: string) => syncConnection<SyncResult>(token, id)
const streamsOf = async (token: string, id: string) =>
  ((await (await call(`/v1/connections/${id}/streams`, { token })).json()) as { data: Stream[] }).data

describe('JSON over HTTP source', () => {
  let token: string
  let connectionId: string
  beforeAll(async () => {
    await publish([station(1, 3), station(2, 0), station(3, 7)])
    token = (await signup('Bike Share Co')).tokens.access_token
    const res = await call('/v1/connections', {
      token,
      body: {
        kind: 'http_json',
        name: 'Stations',
        config: { url: feed, records_path: 'data.items', stream: 'stations' },
      },
    })
    expect(res.status, await res.clone().text()).toBe(201)
    connectionId = ((await res.json()) as { id: string }).id
  })

  it('is listed among the connectors, with its form', async () => {
    const res = await call('/v1/connectors', { token })
    const { data } = (await res.json()) as { data: { kind: string; fields: { path: string }[][] }[] }
    const httpJson = data.find((c) => c.kind === 'http_json')
    expect(httpJson?.fields.flat().map((f) => f.path)).toEqual([
      'config.url',
      'config.records_path',
      'config.stream',
      'config.primary_key',
    ])
  })

  it('checks the endpoint and discovers its records’ schema', async () => {
    const tested = await call(`/v1/connections/${connectionId}/test`, { method: 'POST', token })
    expect(tested.status).toBe(200)
    expect(((await tested.json()) as { checked: string[] }).checked).toEqual([
      `${feed} answered JSON`,
      '3 record(s) at data.items',
    ])
    const res = await call(`/v1/connections/${connectionId}/discover`, { method: 'POST', token })
    const { streams } = (await res.json()) as { streams: { name: string; schema: { path: string; type: string }[] }[] }
    expect(streams.map((s) => s.name)).toEqual(['stations'])
    expect(streams[0]?.schema.map((f) => [f.path, f.type])).toEqual([
      ['id', 'string'],
      ['name', 'string'],
      ['bikes', 'integer'],
    ])
  })

  it('stores every record, then only the ones that changed', async () => {
    expect(await sync(token, connectionId)).toMatchObject({ rows: 3, stored: 3 })
    await publish([station(1, 3), station(2, 4), station(3, 7), station(4, 1)])
    expect(await sync(token, connectionId)).toMatchObject({ rows: 4, stored: 2 })
    const [stations] = await streamsOf(token, connectionId)
    expect(stations?.record_count).toBe(5)
    const records = (await (await call(`/v1/streams/${stations?.id}/records?limit=1`, { token })).json()) as {
      data: { data: { external_id: string; attributes: Record<string, unknown> } }[]
    }
    expect(records.data[0]?.data).toMatchObject({ external_id: expect.stringMatching(/^st-\d$/) })
  })

  it('detects a field added to the records on the next sync', async () => {
    await publish([{ ...station(1, 3), open: true }])
    expect(await sync(token, connectionId)).toMatchObject({ drift_changes: 1 })
  })

  it('says what is wrong when the endpoint does not answer records', async () => {
    const create = async (url: string) => {
      const res = await call('/v1/connections', { token, body: { kind: 'http_json', name: 'Broken', config: { url } } })
      return ((await res.json()) as { id: string }).id
    }
    const missing = await expectProblem(
      await call(`/v1/connections/${await create(`${feed}-gone`)}/test`, { method: 'POST', token }),
      502,
      'source_unreachable',
    )
    expect(missing.detail).toBe('The JSON URL answered HTTP 404. Check config.url.')
    const noArray = await expectProblem(
      await call(`/v1/connections/${await create(feed)}/test`, { method: 'POST', token }),
      502,
      'source_unreachable',
    )
    expect(noArray.detail).toBe(
      'The JSON URL answered, but the answer holds no array at the top level. Check config.records_path.',
    )
  })

  it('refuses a private address, and has no credentials to set', async () => {
    await expectProblem(
      await call('/v1/connections', {
        token,
        body: { kind: 'http_json', name: 'Internal', config: { url: 'http://10.0.0.5/data.json' } },
      }),
      400,
      'validation_failed',
    )
    await expectProblem(
      await call(`/v1/connections/${connectionId}/credentials`, { method: 'PUT', token, body: {} }),
      409,
      'conflict',
    )
  })

  it('keeps another tenant out of the connection', async () => {
    const stranger = (await signup('Stranger Co')).tokens.access_token
    await expectProblem(
      await call(`/v1/connections/${connectionId}/sync`, { method: 'POST', token: stranger }),
      404,
      'not_found',
    )
  })
})
