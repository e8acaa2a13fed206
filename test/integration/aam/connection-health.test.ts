import { MongoClient } from 'mongodb'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { call, expectProblem, signup } from '../../support/api.ts'
import { uploadCsv, waitForJob } from '../../support/jobs.ts'
import { whileRecordsRefuse } from '../../support/refuse-records.ts'

// One health per connection, the same in GET /v1/connections, GET /v1/connections/{id} and the dashboard.

interface Health {
  state: string
  reason: string
  last_error: string | null
  next_retry_at: string | null
}

describe('connection health through the API', () => {
  let token: string
  beforeAll(async () => {
    token = (await signup('Health Co')).tokens.access_token
  })

  const get = async <T>(path: string, as = token) => (await (await call(path, { token: as })).json()) as T
  /** The connection's health as each of the three places reports it; they must agree. */
  async function health(id: string): Promise<Health> {
    const one = (await get<{ health: Health }>(`/v1/connections/${id}`)).health
    const listed = (await get<{ data: { id: string; health: Health }[] }>('/v1/connections')).data.find(
      (c) => c.id === id,
    )?.health
    const dashboard = (await get<{ connections: { id: string; health: Health }[] }>('/v1/dashboard')).connections.find(
      (c) => c.id === id,
    )?.health
    expect(listed).toEqual(one)
    expect(dashboard).toEqual(one)
    return one
  }

  it('shows failing, with the last error, when the only sync died after its attempts', async () => {
    const database = `health_${crypto.randomUUID().slice(0, 8)}`
    const marker = `crash-${database}`
    const mongo = new MongoClient(inject('mongoUrl'), { maxPoolSize: 1 })
    await mongo.db(database).collection('notes').insertOne({ body: marker })
    await mongo.close()
    const created = await call('/v1/connections', {
      token,
      body: { kind: 'mongodb', name: 'Notes', url: inject('mongoUrl'), config: { database } },
    })
    const { id } = (await created.json()) as { id: string }
    expect(await health(id)).toEqual({
      state: 'never_synced',
      reason: 'Not synced yet.',
      last_error: null,
      next_retry_at: null,
    })

    const jobId = await whileRecordsRefuse(marker, 'XX000', async () => {
      const sync = await call(`/v1/connections/${id}/sync`, { method: 'POST', token })
      const jobId = ((await sync.json()) as { id: string }).id
      await waitForJob(token, jobId, ['dead'], 40_000)
      return jobId
    })
    expect(await health(id)).toEqual({
      state: 'failing',
      reason: 'The last sync failed 3 times and gave up. Fix the cause and sync again.',
      last_error: expect.stringContaining(`reference ${jobId}`),
      next_retry_at: null,
    })

    // Fixed (the database accepts the rows again): the next sync makes it healthy.
    const retry = await call(`/v1/connections/${id}/sync`, { method: 'POST', token })
    await waitForJob(token, ((await retry.json()) as { id: string }).id, ['succeeded'])
    expect((await health(id)).state).toBe('healthy')
  }, 60_000)

  it('shows needs review, not healthy, while breaking drift is held, and healthy once it is accepted', async () => {
    const created = await call('/v1/connections', {
      token,
      body: { kind: 'file', name: 'CRM', drift_policy: 'propagate' },
    })
    const { id } = (await created.json()) as { id: string }
    await uploadCsv(token, id, 'contacts', 'Email,Full Name\nada@example.com,Ada Lovelace\n')
    expect((await health(id)).state).toBe('healthy')

    await uploadCsv(token, id, 'contacts', 'email,full_name\nalan@example.com,Alan Turing\n')
    expect(await health(id)).toEqual({
      state: 'needs_review',
      reason: 'Breaking drift on 1 stream is held for review; its records wait until you accept or reject it.',
      last_error: null,
      next_retry_at: null,
    })

    const [stream] = (await get<{ data: { id: string; held_drift_id: string }[] }>(`/v1/connections/${id}/streams`))
      .data
    const accepted = await call(`/v1/streams/${stream?.id}/drift/${stream?.held_drift_id}/accept`, {
      method: 'POST',
      token,
    })
    expect(accepted.status).toBe(200)
    await waitForJob(token, ((await accepted.json()) as { sync_job_id: string }).sync_job_id, ['succeeded'])
    expect((await health(id)).state).toBe('healthy')

    // Another tenant learns nothing of it.
    const other = (await signup('Health Snoop')).tokens.access_token
    await expectProblem(await call(`/v1/connections/${id}`, { token: other }), 404, 'not_found')
    expect((await get<{ data: unknown[] }>('/v1/connections', other)).data).toEqual([])
  })
})
