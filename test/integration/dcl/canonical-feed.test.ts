import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { call, expectProblem, signup } from '../../support/api.ts'
import { settleJobs, uploadCsv, waitForJob } from '../../support/jobs.ts'

type Entities = {
  data: { external_id: string; versions: number; data: Record<string, unknown> }[]
  counts: Record<string, number>
}
type DeadLetter = { id: string; stream_id: string; event_count: number }

const csv = (from: number, to: number) =>
  [
    'id,email,plan',
    ...Array.from({ length: to - from + 1 }, (_, k) => `${from + k},user${from + k}@example.com,pro`),
  ].join('\n')

const entities = async (token: string) =>
  (await (await call('/v1/dcl/entities?limit=500', { token })).json()) as Entities
const deadLetters = async (token: string) =>
  ((await (await call('/v1/dcl/dead-letters', { token })).json()) as { data: DeadLetter[] }).data

describe('canonical events feed the DCL over a queue', () => {
  let token: string
  let tenantId: string
  let connectionId: string
  let streamId: string

  const upload = async (body: string) => {
    await uploadCsv(token, connectionId, 'customers', body)
  }
  const setFeed = async (value: boolean) =>
    expect((await call('/v1/flags/USE_AAM_AS_SOURCE', { method: 'PUT', token, body: { value } })).status).toBe(200)

  beforeAll(async () => {
    const owner = await signup('Feed Co')
    token = owner.tokens.access_token
    tenantId = owner.tokens.tenant_id
    const res = await call('/v1/connections', {
      token,
      body: { kind: 'file', name: 'CRM', config: { primary_key: 'id' } },
    })
    connectionId = ((await res.json()) as { id: string }).id
  })

  it('is fed by direct reads while the DCL does not read from the AAM, and backfills them the same way', async () => {
    await upload(csv(1, 30))
    const streams = (await (await call(`/v1/connections/${connectionId}/streams`, { token })).json()) as {
      data: { id: string }[]
    }
    streamId = streams.data[0]?.id as string
    await settleJobs(token)
    expect((await entities(token)).counts).toEqual({ record: 30 })
    // An entity type the DCL does not know, or a page size it does not serve, is named back.
    const unknown = await expectProblem(
      await call('/v1/dcl/entities?entity=invoice', { token }),
      400,
      'validation_failed',
    )
    expect(unknown.errors?.[0]?.path).toBe('entity')
    await expectProblem(await call('/v1/dcl/entities?limit=0', { token }), 400, 'validation_failed')
    const res = await call('/v1/dcl/backfill', { method: 'POST', token })
    expect(res.status).toBe(202)
    const job = await waitForJob(token, ((await res.json()) as { id: string }).id, ['succeeded', 'dead'])
    expect(job.result).toMatchObject({ connections: 1, events_applied: 30, not_convertible: 0, failed: [] })
  })

  it('backfills what was stored once the feed is on, and applies each event once', async () => {
    await setFeed(true)
    for (let run = 0; run < 2; run++) {
      const res = await call('/v1/dcl/backfill', { method: 'POST', token })
      expect(res.status).toBe(202)
      const job = await waitForJob(token, ((await res.json()) as { id: string }).id, ['succeeded', 'dead'])
      expect(job.result).toMatchObject({ events_sent: 30, not_convertible: 0 })
    }
    await expect.poll(async () => (await entities(token)).counts, { timeout: 20_000 }).toEqual({ record: 30 })
    const all = await entities(token)
    expect(all.data.every((e) => e.versions === 1)).toBe(true)
    expect(all.data.find((e) => e.external_id === '7')?.data).toMatchObject({
      attributes: { email: 'user7@example.com', plan: 'pro' },
    })
  })

  it('feeds every later sync as it stores it', async () => {
    await upload(csv(25, 40))
    await expect.poll(async () => (await entities(token)).counts, { timeout: 20_000 }).toEqual({ record: 40 })
  })

  it('keeps what it cannot apply as a dead letter, listed and replayable, and never in another tenant', async () => {
    const stranger = await signup('Stranger Co')
    const forged = {
      specversion: '1.0',
      id: 'x:1',
      type: 'aos.canonical.record.v1',
      tenantid: stranger.tokens.tenant_id,
    }
    await env.CANONICAL_EVENTS.send({ tenant_id: tenantId, stream_id: streamId, events: [{ broken: true }, forged] })
    await expect
      .poll(async () => (await deadLetters(token)).map((d) => d.event_count), { timeout: 20_000 })
      .toEqual([2])
    const [letter] = await deadLetters(token)
    expect(await deadLetters(stranger.tokens.access_token)).toEqual([])
    await expectProblem(
      await call(`/v1/dcl/dead-letters/${letter?.id}/replay`, { method: 'POST', token: stranger.tokens.access_token }),
      404,
      'not_found',
    )
    const replay = await call(`/v1/dcl/dead-letters/${letter?.id}/replay`, { method: 'POST', token })
    expect(replay.status).toBe(202)
    expect(await replay.json()).toMatchObject({ requeued_events: 2 })
    await expectProblem(
      await call(`/v1/dcl/dead-letters/${letter?.id}/replay`, { method: 'POST', token }),
      404,
      'not_found',
    )
    // Still not valid: it comes back as a new dead letter, and nothing reached either tenant's entities.
    await expect.poll(async () => (await deadLetters(token)).filter((d) => d.id !== letter?.id).length).toBe(1)
    expect((await entities(token)).counts).toEqual({ record: 40 })
    expect((await entities(stranger.tokens.access_token)).counts).toEqual({})
  })
})
