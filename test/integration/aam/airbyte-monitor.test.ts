import { beforeAll, describe, expect, inject, it } from 'vitest'
import { call, expectProblem, signup } from '../../support/api.ts'
import { syncConnection } from '../../support/jobs.ts'

type Stream = { id: string; name: string; record_count: number }
type SyncResult = { rows: number; alerts: number; skipped_streams: string[] }
type Alert = { type: string; data: { severity: string; title: string; detail: string; connection_id: string } }

// The Airbyte stand-in (harness, loopback): each `ab-…` token is its own workspace with three seeded
// connections, five finished sync jobs each.
const airbyteToken = `ab-${crypto.randomUUID()}`
const base = () => `${inject('harnessUrl')}/airbyte`
const control = async (path: string, body: unknown) => {
  const res = await fetch(`${base()}/_control/${airbyteToken}/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  expect(res.status, await res.clone().text()).toBe(200)
  return res.json() as Promise<{ jobId: number }>
}

const sync = (token: string, id: string) => syncConnection<SyncResult>(token, id)

const countOf = async (token: string, connectionId: string, stream: string) => {
  const res = await call(`/v1/connections/${connectionId}/streams`, { token })
  return ((await res.json()) as { data: Stream[] }).data.find((s) => s.name === stream)?.record_count
}

const alertsOf = async (token: string) => {
  const res = await call('/v1/events?limit=200', { token })
  return ((await res.json()) as { data: Alert[] }).data.filter((e) => e.type === 'aos.source.alert')
}

describe('Airbyte sync monitoring', () => {
  let token: string
  let connectionId: string
  let watched: { connectionId: string; name: string }[]
  const hook = `airbyte-${crypto.randomUUID().slice(0, 8)}`

  const create = (secret: string, ids: string[]) =>
    call('/v1/connections', {
      token,
      body: { kind: 'airbyte', name: 'Airbyte', token: secret, config: { base_url: base(), connection_ids: ids } },
    })

  beforeAll(async () => {
    token = (await signup('Airbyte Co')).tokens.access_token
    const listed = await fetch(`${base()}/api/public/v1/connections`, {
      headers: { authorization: `Bearer ${airbyteToken}` },
    })
    watched = ((await listed.json()) as { data: { connectionId: string; name: string }[] }).data.slice(0, 2)
    const slack = await call('/v1/settings/slack', {
      method: 'PUT',
      token,
      body: { webhook_url: `${inject('harnessUrl')}/slack/services/${hook}` },
    })
    expect(slack.status).toBe(200)
    const res = await create(
      airbyteToken,
      watched.map((c) => c.connectionId),
    )
    expect(res.status, await res.clone().text()).toBe(201)
    connectionId = ((await res.json()) as { id: string }).id
  })

  it('never returns the token, and checks the watched connections', async () => {
    const text = await (await call(`/v1/connections/${connectionId}`, { token })).text()
    expect(text).not.toContain(airbyteToken)
    const tested = await call(`/v1/connections/${connectionId}/test`, { method: 'POST', token })
    expect(tested.status).toBe(200)
    expect(((await tested.json()) as { checked: string[] }).checked).toContain(
      `watching 2 connection(s): ${watched.map((c) => c.name).join(', ')}`,
    )
  })

  it('explains a refused token and an unknown connection', async () => {
    const ours = [watched[0]?.connectionId as string]
    const idOf = async (res: Response) => ((await res.json()) as { id: string }).id
    const badId = await idOf(await create('not-an-airbyte-token', ours))
    // A valid token of another workspace: our connection id is not there.
    const elsewhere = await idOf(await create(`ab-${crypto.randomUUID()}`, ours))
    const problem = await expectProblem(
      await call(`/v1/connections/${badId}/test`, { method: 'POST', token }),
      502,
      'source_unreachable',
    )
    expect(problem.detail).toContain('refused the API token')
    const unknown = await expectProblem(
      await call(`/v1/connections/${elsewhere}/test`, { method: 'POST', token }),
      502,
      'source_unreachable',
    )
    expect(unknown.detail).toContain('connection_ids')
  })

  it('imports the run history quietly, then alerts on a new failure and a breaking schema change, once', async () => {
    const [first, second] = watched as unknown as [{ connectionId: string }, { connectionId: string }]
    const history = await sync(token, connectionId)
    expect(history.alerts).toBe(0)
    expect(await countOf(token, connectionId, first.connectionId)).toBe(5)
    expect(await countOf(token, connectionId, second.connectionId)).toBe(5)

    await control('jobs', {
      connectionId: first.connectionId,
      status: 'failed',
      failure: { failureType: 'config_error', externalMessage: 'password authentication failed for user "airbyte"' },
    })
    await control('jobs', { connectionId: second.connectionId, status: 'succeeded', rowsSynced: 1200 })
    await control('schema-change', { connectionId: second.connectionId, schemaChange: 'breaking' })
    const result = await sync(token, connectionId)
    expect(result.alerts).toBe(2)
    expect(await countOf(token, connectionId, first.connectionId)).toBe(6)
    expect(await countOf(token, connectionId, second.connectionId)).toBe(6)

    const alerts = await alertsOf(token)
    expect(alerts.map((a) => a.data.severity).sort()).toEqual(['critical', 'critical'])
    const failed = alerts.find((a) => a.data.title.startsWith('Airbyte sync failed'))
    expect(failed?.data.detail).toContain('password authentication failed')
    expect(alerts.some((a) => a.data.title.includes('breaking schema change'))).toBe(true)
    await expect
      .poll(async () => {
        const received = (await (await fetch(`${inject('harnessUrl')}/slack/received/${hook}`)).json()) as {
          text: string
        }[]
        return received.map((m) => m.text).join('\n')
      })
      .toContain('Airbyte sync failed')

    const again = await sync(token, connectionId)
    expect(again.alerts).toBe(0)
    expect(await alertsOf(token)).toHaveLength(2)
  })

  it('records a running job once it has finished, with its failure reason when it failed', async () => {
    const first = (watched[0] as { connectionId: string }).connectionId
    const running = await control('jobs', { connectionId: first, status: 'running' })
    await sync(token, connectionId)
    expect(await countOf(token, connectionId, first)).toBe(6)
    await control('jobs', { connectionId: first, jobId: running.jobId, status: 'succeeded', rowsSynced: 10 })
    await sync(token, connectionId)
    expect(await countOf(token, connectionId, first)).toBe(7)

    const streams = (
      (await (await call(`/v1/connections/${connectionId}/streams`, { token })).json()) as {
        data: Stream[]
      }
    ).data
    const stream = streams.find((s) => s.name === first) as Stream
    const records = (await (await call(`/v1/streams/${stream.id}/records?limit=50`, { token })).json()) as {
      data: { data: { attributes: { status: string; failure_message: string | null; rows_synced: number } } }[]
    }
    const runs = records.data.map((r) => r.data.attributes)
    expect(runs.find((r) => r.status === 'failed' && r.failure_message?.includes('password'))).toBeTruthy()
    expect(runs.filter((r) => r.status === 'succeeded').length).toBeGreaterThanOrEqual(4)
  })
})
