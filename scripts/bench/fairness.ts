/**
 * `npm run bench -- fairness`: tenant B's file-sync latency (upload a small CSV → its `aam.sync` job
 * seen succeeded on B's SSE stream), first on a quiet platform, then while tenant A floods the queues
 * with long `noop` sleeps, in one run on one stack. The quiet figure is the baseline; the goal is that
 * the noisy figure stays within 2× of it.
 */
import { startBenchApi } from './lib/bench-stack.ts'
import { openSse } from './lib/sse-client.ts'
import { percentile, printFigures, progress, round } from './lib/stats.ts'

const SYNCS = Number(process.env.BENCH_SYNCS ?? 10)
const NOISY_JOBS = Number(process.env.BENCH_NOISY_JOBS ?? 30)
const NOISY_SLEEP_MS = Number(process.env.BENCH_NOISY_SLEEP_MS ?? 20_000)
const CSV = 'id,email,amount\n1,a@example.com,10\n2,b@example.com,20\n3,c@example.com,30\n'

type Api = Awaited<ReturnType<typeof startBenchApi>>

async function post(api: Api, token: string, path: string, body: string, contentType = 'application/json') {
  const res = await fetch(`${api.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
    body,
  })
  if (!res.ok) throw new Error(`POST ${path} answered ${res.status}: ${await res.text()}`)
  return (await res.json()) as Record<string, unknown>
}

/** Tenant B's syncs one after another, each timed from the upload request to the job's `succeeded` event. */
function syncTimer(api: Api, token: string, connectionId: string) {
  const waiting = new Map<string, () => void>()
  const streamed = openSse(`${api.url}/v1/events/stream?types=aos.job.succeeded`, token, (data) => {
    const id = (JSON.parse(data) as { data: { job_id: string } }).data.job_id
    waiting.get(id)?.()
  })
  return {
    async run(label: string) {
      await streamed
      const latencies: number[] = []
      for (let i = 0; i < SYNCS; i++) {
        const started = performance.now()
        let done!: () => void
        const succeeded = new Promise<void>((resolve) => {
          done = resolve
        })
        const upload = await post(api, token, `/v1/connections/${connectionId}/files?stream=people`, CSV, 'text/csv')
        const jobId = upload.job_id as string
        waiting.set(jobId, done)
        const timeout = setTimeout(() => done(), 120_000)
        await succeeded
        clearTimeout(timeout)
        waiting.delete(jobId)
        latencies.push(performance.now() - started)
        progress(`${label}: sync ${i + 1}/${SYNCS} in ${Math.round(latencies.at(-1) ?? 0)} ms`)
      }
      return {
        syncs: SYNCS,
        latency_p50_ms: round(percentile(latencies, 50), 0),
        latency_p95_ms: round(percentile(latencies, 95), 0),
        latency_max_ms: round(Math.max(...latencies), 0),
      }
    },
    async stop() {
      ;(await streamed).destroy()
    },
  }
}

const api = await startBenchApi()
try {
  const tenantB = api.token
  const tenantA = await api.signupTenant('Noisy neighbour')
  const connection = await post(api, tenantB, '/v1/connections', JSON.stringify({ kind: 'file', name: 'fairness' }))
  const timer = syncTimer(api, tenantB, connection.id as string)
  // Syncs before measuring, so neither phase pays for the first compile of the sync path.
  await timer.run('warm-up')
  const quiet = await timer.run('quiet')

  progress(
    `noisy neighbour: tenant A queues ${NOISY_JOBS} noop jobs of ${NOISY_SLEEP_MS} ms, and one more every 200 ms`,
  )
  const submitted = { accepted: 0, refused_429: 0 }
  const flood = async () => {
    const res = await fetch(`${api.url}/v1/jobs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tenantA}`, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'noop', payload: { sleep_ms: NOISY_SLEEP_MS } }),
    })
    await res.arrayBuffer()
    if (res.status === 429) submitted.refused_429++
    else if (res.ok) submitted.accepted++
    else throw new Error(`POST /v1/jobs answered ${res.status}`)
  }
  for (let i = 0; i < NOISY_JOBS; i++) await flood()
  // The neighbour keeps queueing while B syncs, so every one of B's syncs meets a busy platform.
  let flooding = true
  const keepFlooding = (async () => {
    while (flooding) {
      await flood()
      await new Promise((r) => setTimeout(r, 200))
    }
  })()
  const noisy = await timer.run('with noisy neighbour')
  flooding = false
  await keepFlooding
  const running = (await (
    await fetch(`${api.url}/v1/jobs?status=running&kind=noop&limit=100`, {
      headers: { authorization: `Bearer ${tenantA}` },
    })
  ).json()) as { data: unknown[] }
  await timer.stop()

  printFigures({
    benchmark: 'fairness',
    setup: `${api.databaseLabel}, wrangler dev (local Queues, workerd), ${SYNCS} sequential 3-row CSV syncs per phase, 2-core machine`,
    baseline_quiet: quiet,
    with_noisy_neighbour: {
      ...noisy,
      neighbour_jobs_accepted: submitted.accepted,
      neighbour_jobs_refused_429: submitted.refused_429,
      neighbour_jobs_running_at_end: running.data.length,
      neighbour_sleep_ms: NOISY_SLEEP_MS,
    },
    ratio_p50: round(noisy.latency_p50_ms / quiet.latency_p50_ms, 2),
    ratio_p95: round(noisy.latency_p95_ms / quiet.latency_p95_ms, 2),
    goal: 'ratio_p50 <= 2',
  })
} finally {
  await api.stop()
}
