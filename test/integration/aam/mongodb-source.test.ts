import { MongoClient } from 'mongodb'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { call, expectProblem, signup } from '../../support/api.ts'
import { syncConnection } from '../../support/jobs.ts'

type Stream = { id: string; name: string; record_count: number; schema: { path: string; type: string }[] }
type SyncResult = { rows: number; skipped_streams: string[] }

// The tenant's "own" MongoDB: a database of its own on the wire-protocol stand-in, written with the driver.
const database = `crm_${crypto.randomUUID().slice(0, 8)}`
const client = new MongoClient(inject('mongoUrl'), { maxPoolSize: 1 })
const base = Date.UTC(2026, 0, 1)

const order = (i: number) => ({
  orderNo: i,
  // groups of four share an updatedAt: the _id breaks the tie
  updatedAt: new Date(base + Math.floor(i / 4) * 60_000),
  status: ['new', 'paid', 'shipped'][i % 3],
  customer: { name: `Customer ${i % 7}`, address: { city: ['Berlin', 'Paris', 'Rome'][i % 3] } },
  items: [{ sku: `SKU-${i % 5}`, qty: 1 + (i % 3) }],
  total: i * 1.5,
})

const sync = (token: string, id: string) => syncConnection<SyncResult>(token, id)
const streamsOf = async (token: string, id: string) =>
  ((await (await call(`/v1/connections/${id}/streams`, { token })).json()) as { data: Stream[] }).data
const countOf = async (token: string, id: string, name: string) =>
  (await streamsOf(token, id)).find((s) => s.name === name)?.record_count

describe('MongoDB source', () => {
  let token: string
  let connectionId: string
  beforeAll(async () => {
    const db = client.db(database)
    await db.collection('orders').insertMany(Array.from({ length: 120 }, (_, i) => order(i)))
    await db
      .collection('customers')
      .insertMany(Array.from({ length: 10 }, (_, i) => ({ name: `Customer ${i}`, vip: i % 2 === 0 })))
    token = (await signup('Mongo Co')).tokens.access_token
    const res = await call('/v1/connections', {
      token,
      body: { kind: 'mongodb', name: 'Orders DB', url: inject('mongoUrl'), config: { database } },
    })
    expect(res.status, await res.clone().text()).toBe(201)
    connectionId = ((await res.json()) as { id: string }).id
  })
  afterAll(() => client.close())

  it('never returns the URL, and checks the database', async () => {
    const text = await (await call(`/v1/connections/${connectionId}`, { token })).text()
    expect(text).not.toContain('mongodb://')
    expect(JSON.parse(text)).toMatchObject({ kind: 'mongodb', config: { database, cursor_field: 'updatedAt' } })
    const tested = await call(`/v1/connections/${connectionId}/test`, { method: 'POST', token })
    expect(tested.status).toBe(200)
    expect(((await tested.json()) as { checked: string[] }).checked).toEqual([
      `connected to database ${database}`,
      '2 collection(s) readable',
    ])
  })

  it('infers each collection’s schema from a sample, nested paths as dotted fields', async () => {
    const res = await call(`/v1/connections/${connectionId}/discover`, { method: 'POST', token })
    const { streams } = (await res.json()) as { streams: { name: string; schema: Stream['schema'] }[] }
    expect(streams.map((s) => s.name)).toEqual(['customers', 'orders'])
    const orders = Object.fromEntries((streams[1]?.schema ?? []).map((f) => [f.path, f.type]))
    expect(orders).toMatchObject({
      _id: 'string',
      updatedAt: 'timestamp',
      'customer.name': 'string',
      'customer.address.city': 'string',
      items: 'array',
      total: 'number',
    })
  })

  it('syncs every collection, then reads only documents after the cursor', async () => {
    await sync(token, connectionId)
    expect(await countOf(token, connectionId, 'orders')).toBe(120)
    expect(await countOf(token, connectionId, 'customers')).toBe(10)
    const orders = (await streamsOf(token, connectionId)).find((s) => s.name === 'orders') as Stream
    const records = (await (await call(`/v1/streams/${orders.id}/records?limit=1`, { token })).json()) as {
      data: { data: { external_id: string; attributes: Record<string, unknown> } }[]
    }
    const first = records.data[0]?.data
    expect(first?.external_id).toMatch(/^[0-9a-f]{24}$/)
    expect(first?.attributes.updatedAt).toMatch(/^2026-01-01T\d\d:\d\d:00\.000Z$/)
    expect(first?.attributes.customer).toMatchObject({ address: { city: expect.any(String) } })

    await client.db(database).collection('orders').insertMany([120, 121, 122].map(order))
    const result = await sync(token, connectionId)
    expect(await countOf(token, connectionId, 'orders')).toBe(123)
    // Only the three new documents were read; a full re-read would have read 133.
    expect(result.rows).toBeLessThanOrEqual(3)
  })

  it('detects a field added to the documents on the next sync', async () => {
    await client
      .db(database)
      .collection('orders')
      .insertMany([123, 124].map((i) => ({ ...order(i), channel: 'web' })))
    await sync(token, connectionId)
    const orders = (await streamsOf(token, connectionId)).find((s) => s.name === 'orders') as Stream
    const drift = (await (await call(`/v1/streams/${orders.id}/drift`, { token })).json()) as {
      data: { changes: { kind: string; path: string }[] }[]
    }
    expect(drift.data[0]?.changes).toEqual([expect.objectContaining({ kind: 'added', path: 'channel' })])
  })

  it('says when MongoDB does not answer, without echoing the URL', async () => {
    const res = await call('/v1/connections', {
      token,
      body: {
        kind: 'mongodb',
        name: 'Nowhere',
        url: 'mongodb://reader:s3cret@127.0.0.1:1/?directConnection=true&serverSelectionTimeoutMS=500',
        config: { database: 'crm' },
      },
    })
    const id = ((await res.json()) as { id: string }).id
    const problem = await expectProblem(
      await call(`/v1/connections/${id}/test`, { method: 'POST', token }),
      502,
      'source_unreachable',
    )
    expect(problem.detail).toContain('MongoDB could not be read')
    expect(JSON.stringify(problem)).not.toContain('s3cret')
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
