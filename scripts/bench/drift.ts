/**
 * `npm run bench -- drift [--quick]`: (1) fingerprint + classify for 50 / 500 / 5,000-field schemas
 * next to a stringify+sha256 baseline; (2) end to end under `wrangler dev`: a FileSource upload whose
 * header changed → `aos.drift.detected` received on SSE, both from the upload's acceptance and from
 * the event's publication.
 */
import type { ClientRequest } from 'node:http'
import { startBenchApi } from './lib/bench-stack.ts'
import { classifyBenchmark } from './lib/drift-synthetic.ts'
import { openSse } from './lib/sse-client.ts'
import { percentile, progress } from './lib/stats.ts'

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20)
const V1 = 'Email,Full Name,Zip\nada@example.com,Ada Lovelace,02139\ngrace@example.com,Grace Hopper,10001\n'
const V2 =
  'email,full_name,zip,plan\nalan@example.com,Alan Turing,94103,pro\nkaty@example.com,Katherine Johnson,23666,free\n'

async function endToEnd() {
  const api = await startBenchApi()
  let stream: ClientRequest | undefined
  try {
    const headers = { authorization: `Bearer ${api.token}`, 'content-type': 'application/json' }
    const created = await fetch(`${api.url}/v1/connections`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ kind: 'file', name: 'bench', drift_policy: 'propagate_all' }),
    })
    const { id } = (await created.json()) as { id: string }
    const fromUpload: number[] = []
    const fromPublish: number[] = []
    let waiting: ((at: number, time: string) => void) | undefined
    stream = await openSse(`${api.url}/v1/events/stream?types=aos.drift.detected`, api.token, (data) => {
      waiting?.(Date.now(), (JSON.parse(data) as { time: string }).time)
    })
    const upload = (body: string) =>
      fetch(`${api.url}/v1/connections/${id}/files?stream=contacts`, {
        method: 'POST',
        headers: { authorization: `Bearer ${api.token}`, 'content-type': 'text/csv' },
        body,
      })
    await upload(V1)
    await new Promise((r) => setTimeout(r, 1500))
    progress(`end to end: ${ROUNDS} uploads that drift`)
    for (let i = 0; i < ROUNDS; i++) {
      const received = new Promise<{ at: number; time: string }>((resolve) => {
        waiting = (at, time) => resolve({ at, time })
      })
      const started = Date.now()
      await upload(i % 2 === 0 ? V2 : V1)
      const { at, time } = await Promise.race([
        received,
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no drift event within 30 s')), 30_000)),
      ])
      fromUpload.push(at - started)
      fromPublish.push(at - Date.parse(time))
    }
    return {
      rounds: ROUNDS,
      upload_to_event_p50_ms: percentile(fromUpload, 50),
      upload_to_event_p99_ms: percentile(fromUpload, 99),
      publish_to_event_p50_ms: percentile(fromPublish, 50),
      publish_to_event_p99_ms: percentile(fromPublish, 99),
      target: 'p99 < 1000 ms',
      target_met: percentile(fromUpload, 99) < 1000,
    }
  } finally {
    stream?.destroy()
    await api.stop()
  }
}

progress('fingerprint + classify')
const classify = await classifyBenchmark(process.argv.includes('--quick'))
const sse = await endToEnd()
console.log(JSON.stringify({ benchmark: 'drift', unit: 'ms', classify, sync_to_sse: sse }, null, 2))
