/**
 * `npm run bench -- api`: authenticated GET /v1/me next to the bare GET /healthz of the same Worker
 * under `wrangler dev` (autocannon, same connections and duration, one run), plus Argon2id hash time
 * in workerd. Prints JSON.
 */
import autocannon from 'autocannon'
import { freePort } from '../lib/free-port.ts'
import { startWranglerDev } from '../lib/wrangler-dev.ts'
import { startBenchApi } from './lib/bench-stack.ts'
import { percentile, progress, round } from './lib/stats.ts'

const DURATION = Number(process.env.BENCH_DURATION ?? 10)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16)

async function load(url: string, headers: Record<string, string> = {}) {
  await autocannon({ url, connections: CONNECTIONS, duration: 2, headers }) // warm-up
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers })
  return {
    requests_per_s: round(result.requests.average, 0),
    latency_p50_ms: result.latency.p50,
    latency_p99_ms: result.latency.p99,
    non_2xx: result.non2xx,
    errors: result.errors,
  }
}

async function sequentialLatencies(url: string, n: number) {
  const samples: number[] = []
  for (let i = 0; i < n; i++) {
    const started = performance.now()
    const res = await fetch(url)
    await res.text()
    if (!res.ok) throw new Error(`${url} answered ${res.status}`)
    samples.push(performance.now() - started)
  }
  return samples
}

const cleanups: (() => Promise<void>)[] = []
try {
  const api = await startBenchApi()
  cleanups.push(api.stop)
  progress(`bare GET /healthz: ${CONNECTIONS} connections, ${DURATION} s`)
  const bare = await load(`${api.url}/healthz`)
  progress(`authenticated GET /v1/me: ${CONNECTIONS} connections, ${DURATION} s`)
  const me = await load(`${api.url}/v1/me`, { authorization: `Bearer ${api.token}` })

  progress('Argon2id in workerd')
  const argon = await startWranglerDev({
    port: await freePort(),
    quiet: true,
    config: 'scripts/bench/argon2-bench.wrangler.toml',
    readyPath: '/noop',
    vars: {},
  })
  cleanups.push(argon.stop)
  await sequentialLatencies(`${argon.url}/hash`, 15) // let V8 tier the wasm up
  const hash = await sequentialLatencies(`${argon.url}/hash`, 30)
  const noop = await sequentialLatencies(`${argon.url}/noop`, 30)
  const hashMs = percentile(hash, 50) - percentile(noop, 50)

  const ratio = me.requests_per_s / bare.requests_per_s
  console.log(
    JSON.stringify(
      {
        benchmark: 'api',
        setup: { runtime: 'wrangler dev (workerd, local)', connections: CONNECTIONS, duration_s: DURATION },
        baseline_bare_healthz: bare,
        authenticated_me: me,
        throughput_ratio: round(ratio, 3),
        throughput_target: '>= 0.9',
        throughput_target_met: ratio >= 0.9,
        argon2id_hash_ms: {
          median: round(hashMs, 1),
          p99_request_ms: round(percentile(hash, 99), 1),
          baseline_noop_request_ms: round(percentile(noop, 50), 1),
          params: 'm=19456 KiB, t=2, p=1',
          target: '< 80',
          target_met: hashMs < 80,
        },
      },
      null,
      2,
    ),
  )
} finally {
  for (const fn of cleanups.reverse()) await fn().catch(() => {})
}
