/**
 * `npm run bench -- flags`: what reading flags without an isolate cache costs. Sequential GET /v1/flags
 * (session check + one Redis pipeline for the flags) next to GET /v1/me (session check only, the
 * baseline) on the same Worker under `wrangler dev`, interleaved in one run. Prints JSON.
 */
import { startBenchApi } from './lib/bench-stack.ts'
import { percentile, progress, round } from './lib/stats.ts'

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 300)

async function timed(url: string, token: string) {
  const started = performance.now()
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } })
  await res.text()
  if (!res.ok) throw new Error(`${url} answered ${res.status}`)
  return performance.now() - started
}

const api = await startBenchApi()
try {
  const flags: number[] = []
  const me: number[] = []
  for (let i = 0; i < 30; i++) await timed(`${api.url}/v1/flags`, api.token) // warm-up
  progress(`${SAMPLES} sequential reads of each, interleaved`)
  for (let i = 0; i < SAMPLES; i++) {
    flags.push(await timed(`${api.url}/v1/flags`, api.token))
    me.push(await timed(`${api.url}/v1/me`, api.token))
  }
  const summary = (samples: number[]) => ({
    p50_ms: round(percentile(samples, 50)),
    p99_ms: round(percentile(samples, 99)),
  })
  console.log(
    JSON.stringify(
      {
        samples: SAMPLES,
        get_flags: summary(flags),
        baseline_get_me: summary(me),
        flag_read_p50_ms: round(percentile(flags, 50) - percentile(me, 50)),
      },
      null,
      2,
    ),
  )
} finally {
  await api.stop()
}
