import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFakeAirbyte } from '../../../dev/vendors/airbyte.ts'
import { serveRoutes } from '../../../dev/vendors/vendor-routes.ts'
import { freePort } from '../../../scripts/lib/free-port.ts'

interface JobResponse {
  jobId: number
  status: string
  startTime: string
  connectionId: string
  duration?: string
  rowsSynced?: number
}
interface JobsResponse {
  previous?: string
  next?: string
  data: JobResponse[]
}

let airbyte: Awaited<ReturnType<typeof serveRoutes>>
const TOKEN = 'ab-unit-first'
const OTHER = 'ab-unit-second'

async function call<T>(path: string, init: { token?: string; body?: unknown } = {}) {
  const response = await fetch(`${airbyte.url}/airbyte${path}`, {
    method: init.body === undefined ? 'GET' : 'POST',
    headers: {
      'content-type': 'application/json',
      ...(init.token && { authorization: `Bearer ${init.token}` }),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  })
  return { status: response.status, body: (await response.json()) as T }
}
const connections = async (token: string) =>
  (await call<{ data: { connectionId: string; name: string }[] }>('/api/public/v1/connections', { token })).body.data

beforeAll(async () => {
  airbyte = await serveRoutes(await freePort(), [createFakeAirbyte()])
})
afterAll(() => airbyte.stop())

describe('fake Airbyte', () => {
  it('rejects calls without a valid bearer token', async () => {
    const pub = await call<Record<string, unknown>>('/api/public/v1/jobs')
    expect(pub.status).toBe(401)
    expect(pub.body).toMatchObject({ status: 401, title: 'invalid-api-key', type: expect.stringContaining('errors#') })
    const config = await call<{ message: string }>('/api/v1/connections/get', { token: 'nope', body: {} })
    expect(config).toMatchObject({ status: 401, body: { message: 'Unauthorized' } })
  })

  it('seeds three connections deterministically per token', async () => {
    const list = await connections(TOKEN)
    expect(list.map((c) => c.name)).toEqual(['Postgres → Snowflake', 'Stripe → BigQuery', 'HubSpot → Snowflake'])
    expect(await connections(TOKEN)).toEqual(list)
    const one = await call<Record<string, unknown>>(`/api/public/v1/connections/${list[0]?.connectionId}`, {
      token: TOKEN,
    })
    expect(one.body).toMatchObject({ status: 'active', schedule: { scheduleType: 'cron' }, tags: [] })
  })

  it('lists a connection’s jobs newest first, with paging', async () => {
    const [conn] = await connections(TOKEN)
    const query = `connectionId=${conn?.connectionId}&orderBy=createdAt|DESC`
    const first = await call<JobsResponse>(`/api/public/v1/jobs?${query}&limit=3`, { token: TOKEN })
    expect(first.status).toBe(200)
    expect(first.body.data).toHaveLength(3)
    const ids = first.body.data.map((j) => j.jobId)
    expect(ids).toEqual([...ids].sort((a, b) => b - a))
    expect(first.body.data.every((j) => j.connectionId === conn?.connectionId)).toBe(true)
    expect(first.body.data[0]?.duration).toMatch(/^PT(\d+H)?(\d+M)?(\d+S)?$/)
    expect(first.body.next).toContain('offset=3')
    expect(first.body.previous).toBe('')

    const second = await call<JobsResponse>(`/api/public/v1/jobs?${query}&limit=3&offset=3`, { token: TOKEN })
    expect(second.body.data).toHaveLength(2)
    expect(Math.max(...second.body.data.map((j) => j.jobId))).toBeLessThan(Math.min(...ids))

    const added = await call<JobResponse>(`/_control/${TOKEN}/jobs`, {
      body: { connectionId: conn?.connectionId, status: 'succeeded', rowsSynced: 7 },
    })
    const latest = await call<JobsResponse>(`/api/public/v1/jobs?${query}&limit=1`, { token: TOKEN })
    expect(latest.body.data[0]).toMatchObject({ jobId: added.body.jobId, status: 'succeeded', rowsSynced: 7 })

    const bad = await call<Record<string, unknown>>('/api/public/v1/jobs?orderBy=nonsense', { token: TOKEN })
    expect(bad).toMatchObject({ status: 400, body: { title: 'bad-request' } })
  })

  it('shows a failed job’s failureSummary through the Config API', async () => {
    const [conn] = await connections(TOKEN)
    const list = await call<{ jobs: { job: { status: string }; attempts: Record<string, unknown>[] }[] }>(
      '/api/v1/jobs/list',
      { token: TOKEN, body: { configTypes: ['sync'], configId: conn?.connectionId, pagination: { pageSize: 20 } } },
    )
    expect(list.status).toBe(200)
    const failed = list.body.jobs.find((j) => j.job.status === 'failed')
    expect(failed?.attempts.at(-1)).toMatchObject({
      status: 'failed',
      failureSummary: {
        failures: [{ failureOrigin: 'source', failureType: 'config_error', externalMessage: expect.any(String) }],
      },
    })

    await call(`/_control/${TOKEN}/jobs`, {
      body: {
        connectionId: conn?.connectionId,
        status: 'failed',
        failure: { failureType: 'system_error', externalMessage: 'Disk full' },
      },
    })
    const last = await call<{ job: { id: number; status: string } }>('/api/v1/jobs/get_last_replication_job', {
      token: TOKEN,
      body: { connectionId: conn?.connectionId },
    })
    expect(last.body.job.status).toBe('failed')
    const info = await call<{
      attempts: { attempt: { failureSummary?: { failures: { externalMessage: string }[] } } }[]
    }>('/api/v1/jobs/get', { token: TOKEN, body: { id: last.body.job.id } })
    expect(info.body.attempts.at(-1)?.attempt.failureSummary?.failures[0]?.externalMessage).toBe('Disk full')
  })

  it('flags schema changes', async () => {
    const [, conn] = await connections(TOKEN)
    const body = { connectionId: conn?.connectionId }
    const before = await call<{ breakingChange: boolean }>('/api/v1/connections/get', { token: TOKEN, body })
    expect(before.body.breakingChange).toBe(false)
    const flagged = await call(`/_control/${TOKEN}/schema-change`, { body: { ...body, schemaChange: 'breaking' } })
    expect(flagged.status).toBe(200)
    const after = await call<{ breakingChange: boolean; status: string }>('/api/v1/connections/get', {
      token: TOKEN,
      body,
    })
    expect(after.body).toMatchObject({ breakingChange: true, status: 'inactive' })
    const web = await call<{ schemaChange: string }>('/api/v1/web_backend/connections/get', { token: TOKEN, body })
    expect(web.body.schemaChange).toBe('breaking')
  })

  it('keeps workspaces apart', async () => {
    const [mine] = await connections(TOKEN)
    const [theirs] = await connections(OTHER)
    expect(theirs?.connectionId).not.toBe(mine?.connectionId)
    const publicGet = await call<Record<string, unknown>>(`/api/public/v1/connections/${mine?.connectionId}`, {
      token: OTHER,
    })
    expect(publicGet).toMatchObject({ status: 404, body: { title: 'resource-not-found' } })
    const jobs = await call(`/api/public/v1/jobs?connectionId=${mine?.connectionId}`, { token: OTHER })
    expect(jobs.status).toBe(404)
    const configGet = await call('/api/v1/connections/get', {
      token: OTHER,
      body: { connectionId: mine?.connectionId },
    })
    expect(configGet.status).toBe(404)
  })

  it('fails the next call on demand and counts calls', async () => {
    const token = 'ab-unit-flaky'
    await call(`/_control/${token}/fail-next`, { body: { status: 503, body: { message: 'upstream down' } } })
    const failed = await call('/api/public/v1/connections', { token })
    expect(failed).toMatchObject({ status: 503, body: { message: 'upstream down' } })
    expect((await call('/api/public/v1/connections', { token })).status).toBe(200)
    const stats = await call<{ total: number; byPath: Record<string, number> }>(`/_control/${token}/stats`)
    expect(stats.body).toEqual({ total: 2, byPath: { 'GET /api/public/v1/connections': 2 } })
  })
})
