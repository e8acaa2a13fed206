import { env, exports } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { cloudEvent } from '../../../workers/core/events/cloud-event.ts'
import { type Account, call, expectProblem, signup } from '../../support/api.ts'
import { sseReader } from '../../support/sse.ts'

const setFlag = async (token: string, value: boolean | null) => {
  const res = await call('/v1/flags/USE_AAM_AS_SOURCE', { method: 'PUT', token, body: { value } })
  expect(res.status).toBe(200)
}

const openStream = (token: string, lastEventId?: string) =>
  call('/v1/events/stream?types=aos.flag.changed', {
    token,
    headers: lastEventId ? { 'last-event-id': lastEventId } : {},
  })

async function openSocket(token: string) {
  const res = await exports.default.fetch('http://aos.test/v1/events/ws', {
    headers: { upgrade: 'websocket', authorization: `Bearer ${token}` },
  })
  expect(res.status).toBe(101)
  const socket = res.webSocket as WebSocket
  socket.accept()
  const frames: { type: string; event?: { tenantid: string; type: string; data: Record<string, unknown> } }[] = []
  socket.addEventListener('message', (m) => frames.push(JSON.parse(m.data as string)))
  return { socket, frames }
}

/** Publishes straight to the tenant's hub (faster than a flag change per event); the event's seq. */
async function publishFlagEvent(tenantId: string, n: number): Promise<number> {
  const hub = env.TENANT_HUB.get(env.TENANT_HUB.idFromName(tenantId))
  // RPC typing turns CloudEvent's `unknown` payload into `never`; the hub returns the event with its seq.
  const published = (await hub.publish(cloudEvent(tenantId, 'aos.flag.changed', { n }))) as unknown as { seq: number }
  return published.seq
}

const until = async (check: () => boolean, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((r) => setTimeout(r, 50))
  }
}

describe('live events from the tenant hub', () => {
  let owner: Account
  beforeAll(async () => {
    owner = await signup('Live Co')
  })

  it('SSE: a client that disconnects and reconnects with Last-Event-ID gets exactly the missed events, in order', async () => {
    const token = owner.tokens.access_token
    const first = await openStream(token)
    expect(first.headers.get('content-type')).toContain('text/event-stream')
    const stream = sseReader(first)
    await setFlag(token, true)
    const seen = await stream.next()
    expect(seen.event).toBe('aos.flag.changed')
    expect(JSON.parse(seen.data)).toMatchObject({ tenantid: owner.tenantId, data: { value: true, source: 'tenant' } })
    await stream.close()

    await setFlag(token, false)
    await setFlag(token, null)

    const resumed = sseReader(await openStream(token, seen.id))
    const a = await resumed.next()
    const b = await resumed.next()
    expect([JSON.parse(a.data).data, JSON.parse(b.data).data]).toMatchObject([
      { value: false, source: 'tenant' },
      { value: false, source: 'default' },
    ])
    expect(Number(a.id)).toBe(Number(seen.id) + 1)
    expect(Number(b.id)).toBe(Number(seen.id) + 2)
    await setFlag(token, true)
    expect(Number((await resumed.next()).id)).toBe(Number(seen.id) + 3)
    await resumed.close()
  })

  it('SSE: a subscriber that stops reading neither delays nor blocks the others, and resumes from Last-Event-ID without a gap', async () => {
    const token = owner.tokens.access_token
    const publish = (n: number) => publishFlagEvent(owner.tenantId, n)
    const last = String(await publish(0))
    const stalled = sseReader(await openStream(token, last))
    const live = sseReader(await openStream(token, last))

    // More than the hub lets an unread client queue; the stalled reader reads nothing meanwhile.
    const count = 400
    const got: number[] = []
    for (let n = 1; n <= count; n++) {
      await publish(n)
      got.push(JSON.parse((await live.next()).data).data.n)
    }
    expect(got).toEqual(Array.from({ length: count }, (_, i) => i + 1))
    await live.close()
    await stalled.close()

    const resumed = sseReader(await openStream(token, last))
    const replayed: number[] = []
    for (let n = 1; n <= count; n++) replayed.push(JSON.parse((await resumed.next()).data).data.n)
    expect(replayed).toEqual(got)
    await resumed.close()
  })

  it('WebSocket: every subscriber gets every event in order when another socket goes away, and a late one resumes from last_event_id', async () => {
    const token = owner.tokens.access_token
    const [a, b, gone] = [await openSocket(token), await openSocket(token), await openSocket(token)]
    for (const ws of [a, b, gone]) ws.socket.send(JSON.stringify({ type: 'subscribe', types: ['aos.flag.changed'] }))
    await until(() => [a, b, gone].every((ws) => ws.frames.some((f) => f.type === 'subscribed')))
    gone.socket.close(1000)

    const seqs: number[] = []
    for (let n = 0; n < 50; n++) seqs.push(await publishFlagEvent(owner.tenantId, n))
    const received = (ws: typeof a) =>
      ws.frames.filter((f) => f.type === 'event').map((f) => (f.event as unknown as { seq: number }).seq)
    await until(() => received(a).length === 50 && received(b).length === 50)
    expect(received(a)).toEqual(seqs)
    expect(received(b)).toEqual(seqs)

    const late = await openSocket(token)
    late.socket.send(
      JSON.stringify({ type: 'subscribe', types: ['aos.flag.changed'], last_event_id: seqs[24] as number }),
    )
    await until(() => received(late).length === 25)
    expect(received(late)).toEqual(seqs.slice(25))
    for (const ws of [a, b, late]) ws.socket.close(1000)
  })

  it('SSE accepts a 60-second stream token in the query; that token opens nothing else', async () => {
    const tokenRes = await call('/v1/events/stream-token', { method: 'POST', token: owner.tokens.access_token })
    const { stream_token, expires_in } = (await tokenRes.json()) as { stream_token: string; expires_in: number }
    expect(expires_in).toBe(60)
    const res = await call(`/v1/events/stream?stream_token=${stream_token}`)
    expect(res.status).toBe(200)
    await res.body?.cancel()
    await expectProblem(await call('/v1/me', { token: stream_token }), 401, 'invalid_token')
    await expectProblem(await call('/v1/events/stream?stream_token=forged'), 401, 'invalid_token')
    await expectProblem(await call('/v1/events/stream'), 401, 'unauthorized')
  })

  it("WebSocket clients of tenant A never see tenant B's events", async () => {
    const a = owner
    const b = await signup('Other Live Co')
    const wsA = await openSocket(a.tokens.access_token)
    const wsB = await openSocket(b.tokens.access_token)
    wsA.socket.send(JSON.stringify({ type: 'subscribe', types: ['aos.flag.*'] }))
    wsB.socket.send(JSON.stringify({ type: 'subscribe', types: [] }))
    await until(() => wsA.frames.length > 0 && wsB.frames.length > 0)

    await setFlag(b.tokens.access_token, true)
    await setFlag(a.tokens.access_token, true)
    await until(() => wsA.frames.some((f) => f.type === 'event') && wsB.frames.some((f) => f.type === 'event'))
    await new Promise((r) => setTimeout(r, 200))

    const eventsA = wsA.frames.filter((f) => f.type === 'event')
    const eventsB = wsB.frames.filter((f) => f.type === 'event')
    expect(eventsA.map((f) => f.event?.tenantid)).toEqual([a.tenantId])
    expect(eventsB.map((f) => f.event?.tenantid)).toEqual([b.tenantId])

    wsA.socket.send('not json')
    await until(() => wsA.frames.some((f) => f.type === 'error'))
    wsA.socket.close(1000)
    wsB.socket.close(1000)
  })

  it('publishes the job lifecycle to the stream', async () => {
    const res = await call('/v1/events/stream?types=aos.job.*', { token: owner.tokens.access_token })
    const stream = sseReader(res)
    const created = await call('/v1/jobs', { token: owner.tokens.access_token, body: { kind: 'noop', payload: {} } })
    const { id } = (await created.json()) as { id: string }
    const types: string[] = []
    while (!types.includes('aos.job.succeeded')) {
      const message = await stream.next()
      if (JSON.parse(message.data).data.job_id === id) types.push(message.event)
    }
    expect(types).toEqual(['aos.job.queued', 'aos.job.started', 'aos.job.succeeded'])
    await stream.close()
  })
})
