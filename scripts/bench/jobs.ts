/**
 * `npm run bench -- jobs`: `noop` jobs end to end (POST /v1/jobs → `aos.job.succeeded` seen on the
 * tenant's SSE stream): jobs/s and latency percentiles. Baseline in the same run: raw Queue
 * send → consumer receipt rate and latency, with the same batching settings and no database.
 */
import { freePort } from '../lib/free-port.ts'
import { startWranglerDev } from '../lib/wrangler-dev.ts'
import { startBenchApi } from './lib/bench-stack.ts'
import { openSse } from './lib/sse-client.ts'
import { percentile, progress, round } from './lib/stats.ts'

const JOBS = Number(process.env.BENCH_JOBS ?? 300)
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 10)

async function rawQueueBaseline() {
  progress(`raw queue baseline: ${JOBS} messages`)
  const worker = await startWranglerDev({
    port: await freePort(),
    quiet: true,
    config: 'scripts/bench/queue-bench.wrangler.toml',
    readyPath: '/',
    vars: {},
  })
  try {
    const started = Date.now()
    await fetch(`${worker.url}/send?n=${JOBS}`, { method: 'POST' })
    let stats = { received: 0, latencies: [] as number[], lastReceived: 0 }
    const deadline = Date.now() + 120_000
    while (stats.received < JOBS && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200))
      stats = await (await fetch(`${worker.url}/stats`)).json()
    }
    const seconds = (stats.lastReceived - started) / 1000
    return {
      messages: JOBS,
      received: stats.received,
      messages_per_s: round(stats.received / seconds, 1),
      latency_p50_ms: percentile(stats.latencies, 50),
      latency_p99_ms: percentile(stats.latencies, 99),
    }
  } finally {
    await worker.stop()
  }
}

async function jobsEndToEnd() {
  const api = await startBenchApi({ JOB_RETRY_BASE_SECONDS: '1' })
  try {
    const createdAt = new Map<string, number>()
    const latencies: number[] = []
    let lastDone = 0
    const stream = await openSse(`${api.url}/v1/events/stream?types=aos.job.succeeded`, api.token, (data) => {
      const id = (JSON.parse(data) as { data: { job_id: string } }).data.job_id
      const started = createdAt.get(id)
      if (started !== undefined) {
        lastDone = Date.now()
        latencies.push(lastDone - started)
      }
    })
    progress(`end to end: ${JOBS} noop jobs, ${CONCURRENCY} concurrent producers`)
    const started = Date.now()
    let next = 0
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < JOBS) {
          next++
          const t0 = Date.now()
          const res = await fetch(`${api.url}/v1/jobs`, {
            method: 'POST',
            headers: { authorization: `Bearer ${api.token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ kind: 'noop', payload: {} }),
          })
          const { id } = (await res.json()) as { id: string }
          createdAt.set(id, t0)
        }
      }),
    )
    progress(`enqueued in ${Date.now() - started} ms`)
    const deadline = Date.now() + 180_000
    while (latencies.length < JOBS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200))
    stream.destroy()
    return {
      jobs: JOBS,
      succeeded_seen: latencies.length,
      jobs_per_s: round(latencies.length / ((lastDone - started) / 1000), 1),
      latency_p50_ms: percentile(latencies, 50),
      latency_p99_ms: percentile(latencies, 99),
    }
  } finally {
    await api.stop()
  }
}

const baseline = await rawQueueBaseline()
const jobs = await jobsEndToEnd()
console.log(
  JSON.stringify(
    {
      benchmark: 'jobs',
      setup: 'wrangler dev (local Queues, workerd), embedded PGlite, batch size 10 / timeout 1 s, 2-core machine',
      baseline_raw_queue: baseline,
      noop_jobs_end_to_end: jobs,
      ratio_to_raw_queue: round(jobs.jobs_per_s / baseline.messages_per_s, 3),
    },
    null,
    2,
  ),
)
