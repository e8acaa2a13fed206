/**
 * `npm run bench -- jobs`: `noop` jobs end to end (POST /v1/jobs → `aos.job.succeeded` seen on the
 * tenant's SSE stream): jobs/s and latency percentiles, split into stages by the job rows' timestamps,
 * from one tenant and from BENCH_TENANTS (10) tenants.
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
const TENANTS = Number(process.env.BENCH_TENANTS ?? 10)

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

type BenchApi = Awaited<ReturnType<typeof startBenchApi>>

/**
 * JOBS noop jobs spread round-robin over `tokens` (one tenant each), each tenant's `aos.job.succeeded`
 * watched on its own SSE stream. One tenant measures what the fairness limit lets it run; several, the
 * machinery's aggregate rate.
 */
async function endToEnd(api: BenchApi, tokens: string[]) {
  const seenAt = new Map<string, number>()
  const createdAt = new Map<string, number>()
  const latencies: number[] = []
  let lastDone = 0
  const streams = await Promise.all(
    tokens.map((token) =>
      openSse(`${api.url}/v1/events/stream?types=aos.job.succeeded`, token, (data) => {
        const id = (JSON.parse(data) as { data: { job_id: string } }).data.job_id
        const started = createdAt.get(id)
        if (started !== undefined) {
          lastDone = Date.now()
          latencies.push(lastDone - started)
          seenAt.set(id, lastDone)
        }
      }),
    ),
  )
  progress(`end to end: ${JOBS} noop jobs over ${tokens.length} tenant(s), ${CONCURRENCY} concurrent producers`)
  const started = Date.now()
  let sent = 0
  const enqueue = await producers(JOBS, async () => {
    const token = tokens[sent++ % tokens.length]
    const t0 = Date.now()
    const res = await fetch(`${api.url}/v1/jobs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'noop', payload: {} }),
    })
    if (res.status !== 201) throw new Error(`POST /v1/jobs answered ${res.status}: ${await res.text()}`)
    const { id } = (await res.json()) as { id: string }
    createdAt.set(id, t0)
  })
  progress(`enqueued in ${Date.now() - started} ms`)
  const deadline = Date.now() + 180_000
  while (latencies.length < JOBS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200))
  for (const stream of streams) stream.destroy()
  return {
    tenants: tokens.length,
    enqueue,
    jobs: JOBS,
    succeeded_seen: latencies.length,
    stages: await stages(api.databaseUrl, seenAt, createdAt),
    jobs_per_s: round(latencies.length / ((lastDone - started) / 1000), 1),
    latency_p50_ms: percentile(latencies, 50),
    latency_p99_ms: percentile(latencies, 99),
  }
}

async function jobsEndToEnd() {
  // The quota of unfinished jobs (100 by default) would refuse most of one tenant's JOBS: raised, so the
  // run measures running jobs, not refusing them.
  const api = await startBenchApi({ JOB_RETRY_BASE_SECONDS: '1', JOB_TENANT_QUEUE_QUOTA: String(JOBS) })
  try {
    progress(`enqueue baseline: ${JOBS} authenticated GET /v1/me, ${CONCURRENCY} concurrent`)
    const authenticatedGet = await producers(JOBS, async () => {
      await (await fetch(`${api.url}/v1/me`, { headers: { authorization: `Bearer ${api.token}` } })).arrayBuffer()
    })
    const single = await endToEnd(api, [api.token])
    const others = await Promise.all(Array.from({ length: TENANTS - 1 }, (_, i) => api.signupTenant(`Bench ${i + 2}`)))
    const multi = await endToEnd(api, [api.token, ...others])
    return {
      enqueue_baseline_authenticated_get: authenticatedGet,
      enqueue_ratio_to_authenticated_get: round(single.enqueue.requests_per_s / authenticatedGet.requests_per_s, 2),
      one_tenant: single,
      many_tenants: multi,
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
      ratio_to_raw_queue: {
        one_tenant: round(jobs.one_tenant.jobs_per_s / baseline.messages_per_s, 3),
        many_tenants: round(jobs.many_tenants.jobs_per_s / baseline.messages_per_s, 3),
      },
    },
    null,
    2,
  ),
)
