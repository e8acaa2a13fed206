import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import type { CloudEvent } from '../../../workers/core/events/cloud-event.ts'
import { type Account, call, expectProblem, signup } from '../../support/api.ts'
import { waitForJob } from '../../support/jobs.ts'
import { sseReader } from '../../support/sse.ts'

interface Stream {
  id: string
  name: string
  fingerprint: string
  schema: { path: string; type: string; nullable: boolean }[]
  record_count: number
  paused: boolean
}

const V1 =
  'Email,Full Name,Zip,Signed Up\nada@example.com,Ada Lovelace,02139,2024-01-05\ngrace@example.com,"Hopper, Grace",10001,2024-02-11\n'
const V2 =
  'email,full_name,zip,signed_up,plan\nalan@example.com,Alan Turing,94103,2024-03-01,pro\nkaty@example.com,Katherine Johnson,23666,2024-03-09,free\n'

async function createConnection(token: string, drift_policy = 'propagate') {
  const res = await call('/v1/connections', { token, body: { kind: 'file', name: 'CRM export', drift_policy } })
  expect(res.status).toBe(201)
  return ((await res.json()) as { id: string }).id
}

async function upload(token: string, connectionId: string, body: string, stream = 'contacts') {
  const res = await call(`/v1/connections/${connectionId}/files?stream=${stream}`, {
    token,
    body,
    headers: { 'content-type': 'text/csv' },
  })
  expect(res.status, await res.clone().text()).toBe(202)
  const accepted = (await res.json()) as { job_id: string }
  return waitForJob(token, accepted.job_id, ['succeeded', 'dead'])
}

async function streamsOf(token: string, connectionId: string) {
  return ((await (await call(`/v1/connections/${connectionId}/streams`, { token })).json()) as { data: Stream[] }).data
}

describe('FileSource: sync, schema, drift and quarantine', () => {
  let owner: Account
  let token: string
  beforeAll(async () => {
    owner = await signup('Files Co')
    token = owner.tokens.access_token
  })

  it('syncs a CSV: infers the schema, stores canonical records, quarantines a bad row with its reason', async () => {
    const id = await createConnection(token)
    const job = await upload(token, id, `${V1}bob@example.com,Bob,"unterminated\n`)
    expect(job.status).toBe('succeeded')
    const [stream] = await streamsOf(token, id)
    expect(stream?.name).toBe('contacts')
    expect(stream?.fingerprint).toMatch(/^[0-9a-f]{64}$/)
    expect(stream?.schema.map((f) => [f.path, f.type])).toEqual([
      ['Email', 'string'],
      ['Full Name', 'string'],
      ['Zip', 'string'],
      ['Signed Up', 'date'],
    ])
    expect(stream?.record_count).toBe(2)

    const records = (await (await call(`/v1/streams/${stream?.id}/records`, { token })).json()) as {
      data: { data: { attributes: Record<string, unknown> } }[]
    }
    expect(records.data.map((r) => r.data.attributes['Full Name'])).toEqual(['Ada Lovelace', 'Hopper, Grace'])
    const quarantined = (await (await call(`/v1/streams/${stream?.id}/quarantine`, { token })).json()) as {
      data: { id: string; line: number; reason: string; raw: string }[]
    }
    expect(quarantined.data).toHaveLength(1)
    expect(quarantined.data[0]?.line).toBe(4)
    expect(quarantined.data[0]?.raw).toContain('bob@example.com')
    expect(quarantined.data[0]?.reason.length).toBeGreaterThan(5)

    const item = quarantined.data[0]?.id as string
    const asIs = await call(`/v1/quarantine/${item}/replay`, { method: 'POST', token })
    expect((await expectProblem(asIs, 400, 'bad_request')).detail).toContain('corrected row')
    const corrected = await call(`/v1/quarantine/${item}/replay`, {
      method: 'POST',
      token,
      body: { record: { Email: 'bob@example.com', 'Full Name': 'Bob', Zip: '02140', 'Signed Up': '2024-04-01' } },
    })
    expect(await corrected.json()).toMatchObject({ stored: true, stream_id: stream?.id })
    expect((await streamsOf(token, id))[0]?.record_count).toBe(3)
    const left = (await (await call(`/v1/streams/${stream?.id}/quarantine`, { token })).json()) as { data: unknown[] }
    expect(left.data).toHaveLength(0)
    await expectProblem(
      await call(`/v1/quarantine/${item}/replay`, { method: 'POST', token, body: {} }),
      409,
      'conflict',
    )
    const other = (await signup('Replay Snoop')).tokens.access_token
    await expectProblem(await call(`/v1/quarantine/${item}/replay`, { method: 'POST', token: other }), 404, 'not_found')
  })

  it('discovers streams and their schemas without storing anything', async () => {
    const id = await createConnection(token)
    await upload(token, id, V1)
    await upload(token, id, 'id,total\n1,9.5\n2,12\n', 'orders')
    const res = await call(`/v1/connections/${id}/discover`, { method: 'POST', token })
    const { streams } = (await res.json()) as {
      streams: { name: string; records_sampled: number; schema: { path: string; type: string }[] }[]
    }
    expect(streams.map((s) => s.name)).toEqual(['contacts', 'orders'])
    expect(streams[1]?.schema.map((f) => `${f.path}:${f.type}`)).toEqual(['id:integer', 'total:number'])
    expect(streams[1]?.records_sampled).toBe(2)
    const stored = await streamsOf(token, id)
    expect(stored.map((s) => s.record_count)).toEqual([2, 2])
  })

  it('detects drift on the next upload, classifies renames, and announces it live', async () => {
    const id = await createConnection(token)
    await upload(token, id, V1)
    const live = sseReader(await call('/v1/events/stream?types=aos.drift.detected', { token }))
    await upload(token, id, V2)
    const event = JSON.parse((await live.next()).data) as { data: { connection_id: string; action: string } }
    expect(event.data).toMatchObject({ connection_id: id, action: 'held_for_review' })
    await live.close()

    const [stream] = await streamsOf(token, id)
    const drift = (await (await call(`/v1/streams/${stream?.id}/drift`, { token })).json()) as {
      data: { changes: { kind: string; path: string; from?: string }[]; breaking: boolean; policy: string }[]
    }
    expect(drift.data).toHaveLength(1)
    const changes = drift.data[0]?.changes.map((ch) => `${ch.kind}:${ch.from ?? ''}>${ch.path}`)
    expect(changes).toEqual(
      expect.arrayContaining(['renamed:Email>email', 'renamed:Full Name>full_name', 'renamed:Zip>zip', 'added:>plan']),
    )
    expect(drift.data[0]).toMatchObject({ breaking: true, policy: 'propagate' })
    // Breaking drift under propagate holds the new rows for review (drift-review.test.ts).
    expect(stream?.record_count).toBe(2)
  })

  it('changing the drift policy keeps every stored row; freeze then quarantines non-conforming files', async () => {
    const id = await createConnection(token)
    await upload(token, id, V1)
    const before = (await streamsOf(token, id))[0] as Stream
    const patch = await call(`/v1/connections/${id}`, { method: 'PATCH', token, body: { drift_policy: 'freeze' } })
    expect(((await patch.json()) as { drift_policy: string }).drift_policy).toBe('freeze')
    const afterPatch = (await streamsOf(token, id))[0] as Stream
    expect(afterPatch.record_count).toBe(2)
    const rows = (await (await call(`/v1/streams/${before.id}/records`, { token })).json()) as { data: unknown[] }
    expect(rows.data).toHaveLength(2)

    await upload(token, id, V2)
    const frozen = (await streamsOf(token, id))[0] as Stream
    expect(frozen.fingerprint).toBe(before.fingerprint)
    expect(frozen.record_count).toBe(2)
    const quarantined = (await (await call(`/v1/streams/${before.id}/quarantine`, { token })).json()) as {
      data: { reason: string }[]
    }
    expect(quarantined.data).toHaveLength(2)
    expect(quarantined.data[0]?.reason).toContain('schema frozen')

    // The same change on the next file is quarantined too, but recorded and announced only once.
    await upload(token, id, V2)
    const again = (await (await call(`/v1/streams/${before.id}/quarantine`, { token })).json()) as { data: unknown[] }
    expect(again.data).toHaveLength(4)
    const drift = (await (await call(`/v1/streams/${before.id}/drift`, { token })).json()) as { data: unknown[] }
    expect(drift.data).toHaveLength(1)

    // Unfreezing is a human decision: replaying a frozen record stores it as it was.
    const replay = await call(`/v1/quarantine/${(quarantined.data[0] as unknown as { id: string }).id}/replay`, {
      method: 'POST',
      token,
    })
    expect(await replay.json()).toMatchObject({ stored: true })
  })

  it('pause policy stops the stream on drift; resume syncs what waited, nothing lost', async () => {
    const id = await createConnection(token, 'pause')
    await upload(token, id, V1)
    await upload(token, id, V2)
    const paused = (await streamsOf(token, id))[0] as Stream
    expect(paused.paused).toBe(true)
    expect(paused.record_count).toBe(2)

    const resumed = await call(`/v1/streams/${paused.id}/resume`, { method: 'POST', token })
    expect(((await resumed.json()) as { paused: boolean }).paused).toBe(false)
    const deadline = Date.now() + 20_000
    let stream = paused
    while (stream.record_count < 4 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200))
      stream = (await streamsOf(token, id))[0] as Stream
    }
    expect(stream.record_count).toBe(4)
    expect(stream.paused).toBe(false)
  })

  it('syncs files uploaded back to back exactly once each, in upload order', async () => {
    const id = await createConnection(token, 'propagate_all')
    const jobs: string[] = []
    for (const body of [V1, V2, V1]) {
      const res = await call(`/v1/connections/${id}/files?stream=contacts`, {
        token,
        body,
        headers: { 'content-type': 'text/csv' },
      })
      jobs.push(((await res.json()) as { job_id: string }).job_id)
    }
    for (const job of jobs) expect((await waitForJob(token, job, ['succeeded', 'dead'])).status).toBe('succeeded')
    const [stream] = await streamsOf(token, id)
    expect(stream?.record_count).toBe(6)
    const hub = env.TENANT_HUB.get(env.TENANT_HUB.idFromName(owner.tenantId))
    const completed = ((await hub.eventsAfter(0)) as unknown as CloudEvent[]).filter(
      (e) => e.type === 'aos.sync.completed' && e.data.connection_id === id,
    )
    expect(completed).toHaveLength(3)
    expect(new Set(completed.map((e) => e.data.file_id)).size).toBe(3)
    const drift = (await (await call(`/v1/streams/${stream?.id}/drift`, { token })).json()) as { data: unknown[] }
    expect(drift.data).toHaveLength(2)
  })

  it('rejects bad input with problems and hides other tenants’ connections and streams', async () => {
    const id = await createConnection(token)
    await upload(token, id, V1)
    const [stream] = await streamsOf(token, id)
    await expectProblem(
      await call('/v1/connections', { token, body: { kind: 'ftp', name: 'x' } }),
      400,
      'validation_failed',
    )
    await expectProblem(
      await call(`/v1/connections/${id}/files?stream=../etc`, {
        token,
        body: V1,
        headers: { 'content-type': 'text/csv' },
      }),
      400,
      'validation_failed',
    )
    await expectProblem(
      await call(`/v1/connections/${id}/files?stream=ok`, { token, body: '', headers: { 'content-type': 'text/csv' } }),
      400,
      'bad_request',
    )

    const other = (await signup('Snoop Co')).tokens.access_token
    for (const path of [
      `/v1/connections/${id}`,
      `/v1/connections/${id}/streams`,
      `/v1/streams/${stream?.id}/drift`,
      `/v1/streams/${stream?.id}/records`,
      `/v1/streams/${stream?.id}/quarantine`,
    ]) {
      await expectProblem(await call(path, { token: other }), 404, 'not_found')
    }
    await expectProblem(
      await call(`/v1/connections/${id}/files?stream=x`, {
        token: other,
        body: V1,
        headers: { 'content-type': 'text/csv' },
      }),
      404,
      'not_found',
    )
    await expectProblem(await call(`/v1/connections/${id}`, { method: 'DELETE', token: other }), 404, 'not_found')
    const sync = await call(`/v1/connections/${id}/sync`, { method: 'POST', token })
    expect((await call(`/v1/connections/${id}`, { method: 'DELETE', token })).status).toBe(204)
    const job = await waitForJob(token, ((await sync.json()) as { id: string }).id, ['succeeded', 'dead'])
    expect(job.status).toBe('succeeded')
    await expectProblem(await call(`/v1/connections/${id}`, { token }), 404, 'not_found')
    const list = await (await call('/v1/connections', { token: other })).text()
    expect(list).not.toContain(id)
  })
})
