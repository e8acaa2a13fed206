/**
 * `npm run bench -- fanout`: 100 and 1,000 concurrent subscribers on one tenant, over SSE and over
 * WebSocket; latency from publish (the event's `time`, stamped by the Worker just before the hub RPC)
 * to receipt by each subscriber. Per stage: publish → first subscriber's receipt (the pipeline's fixed
 * cost) and first → last receipt of the same event (what each extra subscriber adds). Baseline in the
 * same run: 1 subscriber. Where the time goes: CPU per event (the publish request included) of the
 * workerd running the Worker and its hub, of wrangler's dev proxy in front of it (production has no such
 * hop), and of this process (the subscribers), and how busy this process's event loop was. A V8 profile
 * over the inspector was tried and left out: it slowed the Worker several-fold.
 */

import { performance } from 'node:perf_hooks'
import { startBenchApi } from './lib/bench-stack.ts'
import { openSse } from './lib/sse-client.ts'
import { percentile, progress, round } from './lib/stats.ts'
import { workerdCpuMs } from './lib/workerd-processes.ts'

const EVENTS = Number(process.env.BENCH_EVENTS ?? 20)
type Api = { url: string; token: string; processGroup: number }
type Transport = 'sse' | 'ws'
type OnEvent = (event: { id: string; time: string }) => void

const get = async <T>(api: Api, path: string, method = 'GET') =>
  (await (await fetch(`${api.url}${path}`, { method, headers: { authorization: `Bearer ${api.token}` } })).json()) as T

/**
 * Opens one subscriber as the console does (after the newest event it already has, so no backlog is
 * replayed); resolves once it is subscribed, with a function that closes it.
 */
async function subscribe(api: Api, transport: Transport, after: number, onEvent: OnEvent): Promise<() => void> {
  if (transport === 'sse') {
    const url = `${api.url}/v1/events/stream?types=aos.flag.changed&last_event_id=${after}`
    const req = await openSse(url, api.token, (data) => onEvent(JSON.parse(data)))
    return () => req.destroy()
  }
  // Node's WebSocket sends no Authorization header: a stream token in the query, as browsers do.
  const { stream_token } = await get<{ stream_token: string }>(api, '/v1/events/stream-token', 'POST')
  const socket = new WebSocket(`${api.url.replace(/^http/, 'ws')}/v1/events/ws?stream_token=${stream_token}`)
  await new Promise<void>((resolve, reject) => {
    socket.addEventListener('error', () => reject(new Error('WebSocket failed')), { once: true })
    socket.addEventListener('open', () =>
      socket.send(JSON.stringify({ type: 'subscribe', types: ['aos.flag.changed'] })),
    )
    socket.addEventListener('message', (m) => {
      const frame = JSON.parse(m.data as string) as { type: string; event?: { id: string; time: string } }
      if (frame.type === 'subscribed') resolve()
      else if (frame.type === 'event' && frame.event) onEvent(frame.event)
    })
  })
  return () => socket.close(1000)
}

async function measure(api: Api, transport: Transport, subscribers: number) {
  const latencies: number[] = []
  const receipts = new Map<string, { sent: number; first: number; last: number }>()
  let received = 0
  let counting = false
  const onEvent: OnEvent = (event) => {
    if (!counting) return
    const now = Date.now()
    latencies.push(now - Date.parse(event.time))
    const at = receipts.get(event.id)
    if (at) at.last = now
    else receipts.set(event.id, { sent: Date.parse(event.time), first: now, last: now })
    received++
  }
  const closers: (() => void)[] = []
  progress(`${transport}, ${subscribers} subscribers: connecting`)
  const { last_event_id } = await get<{ last_event_id: number }>(api, '/v1/events?limit=1')
  for (let i = 0; i < subscribers; i += 50) {
    const batch = Array.from({ length: Math.min(50, subscribers - i) }, () =>
      subscribe(api, transport, last_event_id, onEvent),
    )
    closers.push(...(await Promise.all(batch)))
  }
  await new Promise((r) => setTimeout(r, 500))
  counting = true
  progress(`${transport}, ${subscribers} subscribers: publishing ${EVENTS} events`)
  const apiPort = Number(new URL(api.url).port)
  const workerdBefore = workerdCpuMs(api.processGroup, apiPort)
  const clientBefore = process.cpuUsage()
  const loopBefore = performance.eventLoopUtilization()
  const published: number[] = []
  for (let i = 0; i < EVENTS; i++) {
    const before = Date.now()
    await fetch(`${api.url}/v1/flags/USE_AAM_AS_SOURCE`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${api.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ value: i % 2 === 0 }),
    })
    published.push(Date.now() - before)
    await new Promise((r) => setTimeout(r, 150))
  }
  const deadline = Date.now() + 10_000
  while (received < subscribers * EVENTS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100))
  const workerdAfter = workerdCpuMs(api.processGroup, apiPort)
  const client = process.cpuUsage(clientBefore)
  const loop = performance.eventLoopUtilization(loopBefore)
  for (const close of closers) close()
  await new Promise((r) => setTimeout(r, 500))
  const spreads = [...receipts.values()].map((r) => r.last - r.first)
  return {
    transport,
    subscribers,
    events: EVENTS,
    delivered: received,
    expected: subscribers * EVENTS,
    latency_p50_ms: percentile(latencies, 50),
    latency_p99_ms: percentile(latencies, 99),
    latency_max_ms: round(Math.max(...latencies), 0),
    stages: {
      publish_request_p50_ms: percentile(published, 50),
      publish_to_first_receipt_p50_ms: percentile(
        [...receipts.values()].map((r) => r.first - r.sent),
        50,
      ),
      first_to_last_receipt_p50_ms: percentile(spreads, 50),
      first_to_last_receipt_max_ms: round(Math.max(...spreads), 0),
    },
    cpu_per_event_ms: {
      ...(workerdBefore && workerdAfter
        ? {
            workerd_worker_and_hub: round((workerdAfter.worker - workerdBefore.worker) / EVENTS, 1),
            workerd_wrangler_dev_proxy: round((workerdAfter.dev_proxy - workerdBefore.dev_proxy) / EVENTS, 1),
          }
        : {}),
      subscribers_process: round((client.user + client.system) / 1000 / EVENTS, 1),
    },
    subscribers_event_loop_utilisation: round(loop.utilization, 2),
  }
}

const api = await startBenchApi()
try {
  type Runs = Record<
    'baseline_1_subscriber' | 'subscribers_100' | 'subscribers_1000',
    Awaited<ReturnType<typeof measure>>
  >
  const runs = async (transport: Transport): Promise<Runs> => ({
    baseline_1_subscriber: await measure(api, transport, 1),
    subscribers_100: await measure(api, transport, 100),
    subscribers_1000: await measure(api, transport, 1000),
  })
  const sse = await runs('sse')
  const ws = await runs('ws')
  const met = (r: Runs) =>
    r.subscribers_1000.latency_p99_ms < 100 && r.subscribers_1000.delivered === r.subscribers_1000.expected
  console.log(
    JSON.stringify(
      {
        benchmark: 'fanout',
        setup:
          'wrangler dev (local workerd), one tenant hub, node:http SSE and node WebSocket clients on the same 2-core machine',
        sse,
        ws,
        target: 'p99 < 100 ms at 1,000 subscribers, every event delivered',
        target_met: { sse: met(sse), ws: met(ws) },
      },
      null,
      2,
    ),
  )
} finally {
  await api.stop()
}
