/**
 * `npm run bench -- fanout`: 100 and 1,000 concurrent SSE subscribers on one tenant; latency from
 * publish (the event's `time`, stamped by the Worker just before the hub RPC) to receipt by each
 * subscriber. Baseline in the same run: 1 subscriber.
 */
import type { ClientRequest } from 'node:http'
import { startBenchApi } from './lib/bench-stack.ts'
import { openSse } from './lib/sse-client.ts'
import { percentile, progress, round } from './lib/stats.ts'

const EVENTS = Number(process.env.BENCH_EVENTS ?? 20)

async function measure(api: { url: string; token: string }, subscribers: number) {
  const latencies: number[] = []
  let received = 0
  const clients: ClientRequest[] = []
  progress(`${subscribers} subscribers: connecting`)
  const url = `${api.url}/v1/events/stream?types=aos.flag.changed`
  for (let i = 0; i < subscribers; i += 50) {
    const batch = Array.from({ length: Math.min(50, subscribers - i) }, () =>
      openSse(url, api.token, (data) => {
        const event = JSON.parse(data) as { time: string }
        latencies.push(Date.now() - Date.parse(event.time))
        received++
      }),
    )
    clients.push(...(await Promise.all(batch)))
  }
  await new Promise((r) => setTimeout(r, 500))
  received = 0
  latencies.length = 0
  progress(`${subscribers} subscribers: publishing ${EVENTS} events`)
  for (let i = 0; i < EVENTS; i++) {
    await fetch(`${api.url}/v1/flags/USE_AAM_AS_SOURCE`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${api.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ value: i % 2 === 0 }),
    })
    await new Promise((r) => setTimeout(r, 150))
  }
  const deadline = Date.now() + 10_000
  while (received < subscribers * EVENTS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100))
  for (const client of clients) client.destroy()
  await new Promise((r) => setTimeout(r, 500))
  return {
    subscribers,
    events: EVENTS,
    delivered: received,
    expected: subscribers * EVENTS,
    latency_p50_ms: percentile(latencies, 50),
    latency_p99_ms: percentile(latencies, 99),
    latency_max_ms: round(Math.max(...latencies), 0),
  }
}

const api = await startBenchApi()
try {
  const baseline = await measure(api, 1)
  const hundred = await measure(api, 100)
  const thousand = await measure(api, 1000)
  console.log(
    JSON.stringify(
      {
        benchmark: 'fanout',
        setup: 'wrangler dev (local workerd), one tenant hub, node:http SSE clients on the same 2-core machine',
        baseline_1_subscriber: baseline,
        subscribers_100: hundred,
        subscribers_1000: thousand,
        target: 'p99 < 100 ms at 1,000 subscribers',
        target_met: thousand.latency_p99_ms < 100 && thousand.delivered === thousand.expected,
      },
      null,
      2,
    ),
  )
} finally {
  await api.stop()
}
