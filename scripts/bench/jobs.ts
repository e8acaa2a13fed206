/**
 * `npm run bench -- jobs`: `noop` jobs end to end (POST /v1/jobs → `aos.job.succeeded` seen on the
 * tenant's SSE stream): jobs/s and latency percentiles, split into stages by the job rows' timestamps.
 * Baselines in the same run: raw Queue send → consumer receipt rate and latency, with the same batching
 * settings and no database; and, for the enqueue, an authenticated `GET /v1/me` from as many producers.
 */
import pg from 'pg'
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

/** `count` requests from CONCURRENCY producers: requests/s and latency percentiles. */
async function producers(count: number, request: () => Promise<void>) {
  const latencies: number[] = []
  const started = Date.now()
  let next = 0
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) {
        next++
        const t0 = Date.now()
        await request()
        latencies.push(Date.now() - t0)
      }
    }),
  )
  return {
    requests_per_s: round(count / ((Date.now() - started) / 1000), 1),
    latency_p50_ms: percentile(latencies, 50),
    latency_p99_ms: percentile(latencies, 99),
  }
}

/**
 * Where a job's time went, from its row (database clock, same machine): queued → started is the queue
 * send, delivery and claim; started → finished the `aos.job.started` announcement, the handler and the
 * finishing statement; finished → seen on SSE the `aos.job.succeeded` announcement and fan-out.
 */
async function stages(databaseUrl: string, seenAt: Map<string, number>, postedAt: Map<string, number>) {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    const { rows } = await client.query<{ id: string; created: number; started: number; finished: number }>(
      `select id, extract(epoch from created_at) * 1000 as created, extract(epoch from started_at) * 1000 as started,
         extract(epoch from finished_at) * 1000 as finished from jobs where id = any($1::uuid[])`,
      [[...seenAt.keys()]],
    )
    const stage = (pick: (row: (typeof rows)[number]) => number) => {
      const samples = rows.map(pick)
      return { p50_ms: round(percentile(samples, 50), 0), p99_ms: round(percentile(samples, 99), 0) }
    }
    return {
      post_to_row_created: stage((r) => Number(r.created) - (postedAt.get(r.id) ?? 0)),
      row_created_to_started: stage((r) => Number(r.started) - Number(r.created)),
      started_to_finished: stage((r) => Number(r.finished) - Number(r.started)),
      finished_to_seen_on_sse: stage((r) => (seenAt.get(r.id) ?? 0) - Number(r.finished)),
    }
  } finally {
    await client.end()
  }
}

async function jobsEndToEnd() {
  const api = await startBenchApi({ JOB_RETRY_BASE_SECONDS: '1' })
  try {
    const auth = { authorization: `Bearer ${api.token}` }
    progress(`enqueue baseline: ${JOBS} authenticated GET /v1/me, ${CONCURRENCY} concurrent`)
    const authenticatedGet = await producers(JOBS, async () => {
      await (await fetch(`${api.url}/v1/me`, { headers: auth })).arrayBuffer()
    })
    const seenAt = new Map<string, number>()
    const createdAt = new Map<string, number>()
    const latencies: number[] = []
    let lastDone = 0
    const stream = await openSse(`${api.url}/v1/events/stream?types=aos.job.succeeded`, api.token, (data) => {
      const id = (JSON.parse(data) as { data: { job_id: string } }).data.job_id
      const started = createdAt.get(id)
      if (started !== undefined) {
        lastDone = Date.now()
        latencies.push(lastDone - started)
        seenAt.set(id, lastDone)
      }
    })
    progress(`end to end: ${JOBS} noop jobs, ${CONCURRENCY} concurrent producers`)
    const started = Date.now()
    const enqueue = await producers(JOBS, async () => {
      const t0 = Date.now()
      const res = await fetch(`${api.url}/v1/jobs`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'noop', payload: {} }),
      })
      const { id } = (await res.json()) as { id: string }
      createdAt.set(id, t0)
    })
    progress(`enqueued in ${Date.now() - started} ms`)
    const deadline = Date.now() + 180_000
    while (latencies.length < JOBS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200))
    stream.destroy()
    return {
      enqueue,
      enqueue_baseline_authenticated_get: authenticatedGet,
      enqueue_ratio_to_authenticated_get: round(enqueue.requests_per_s / authenticatedGet.requests_per_s, 2),
      jobs: JOBS,
      succeeded_seen: latencies.length,
      stages: await stages(api.databaseUrl, seenAt, createdAt),
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
      setup: `wrangler dev (local Queues, workerd), ${process.env.BENCH_DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'}, job queue batch size 25 / timeout 0, 2-core machine shared`,
      baseline_raw_queue: baseline,
      noop_jobs_end_to_end: jobs,
      ratio_to_raw_queue: round(jobs.jobs_per_s / baseline.messages_per_s, 3),
    },
    null,
    2,
  ),
)
