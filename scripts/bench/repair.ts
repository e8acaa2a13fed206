/**
 * `npm run bench -- repair [--quick]`: (1) in process, drift on 50 / 500 / 5,000-field schemas →
 * repair proposals ready (classify + current mapping + proposeRepairs), beside classify alone (the
 * drift-only path) in the same run; (2) end to end under `wrangler dev`: a CSV upload renaming a mapped
 * column, its sync's end (`aos.sync.completed`) → `aos.repair.applied` on SSE, beside the same queue's
 * floor measured in the same run (a `noop` job, POST /v1/jobs → `aos.job.succeeded` on SSE).
 */
import type { ClientRequest } from 'node:http'
import type { EntityMapping } from '../../workers/core/aam/connectors/cursor-source.ts'
import { classifyDrift } from '../../workers/core/aam/drift/classify.ts'
import { currentEntries } from '../../workers/core/repair/current-entries.ts'
import type { Precedent } from '../../workers/core/repair/history.ts'
import { proposeRepairs } from '../../workers/core/repair/proposal.ts'
import { startBenchApi } from './lib/bench-stack.ts'
import { drift, makeSchema, stats } from './lib/drift-synthetic.ts'
import { openSse } from './lib/sse-client.ts'
import { percentile, printFigures, progress } from './lib/stats.ts'

const QUICK = process.argv.includes('--quick')
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? (QUICK ? 4 : 16))
const CONTACT_FIELDS = ['external_id', 'email', 'first_name', 'last_name', 'title', 'phone', 'created_at']

/**
 * The stream's contact mapping, as a tenant would have it: some mapped fields the drift renames,
 * removes or re-types (so every kind of repair is proposed), the rest untouched.
 */
function mappingFor(old: ReturnType<typeof makeSchema>, changes: ReturnType<typeof classifyDrift>['changes']) {
  const source = (c: (typeof changes)[number]) => (c.kind === 'renamed' ? c.from : c.path)
  const touched = (kind: string, take: number) =>
    changes
      .filter((c) => c.kind === kind)
      .map(source)
      .slice(0, take)
  const drifted = [...touched('renamed', 3), ...touched('removed', 1), ...touched('type_changed', 1)]
  const changed = new Set(changes.map(source))
  const steady = old.map((f) => f.path).filter((p) => !p.includes('.') && !changed.has(p))
  const sources = [steady[0] as string, ...drifted, ...steady.slice(1)]
  const mapping = Object.fromEntries(CONTACT_FIELDS.map((field, i) => [field, sources[i] as string]))
  return { entity: 'contact', mapping } satisfies EntityMapping
}

/** The paths timed in alternation, so JIT warm-up and GC pauses fall on each alike; ms per path. */
function interleaved(runs: number, paths: Record<string, () => unknown>) {
  const entries = Object.entries(paths)
  for (const [, run] of entries) run()
  const samples = entries.map((): number[] => [])
  for (let i = 0; i < runs; i++)
    entries.forEach(([, run], k) => {
      const t0 = performance.now()
      run()
      samples[k]?.push(performance.now() - t0)
    })
  return Object.fromEntries(entries.map(([name], k) => [name, stats(samples[k] ?? [])]))
}

function proposalsInProcess() {
  const sizes: Array<[number, number]> = QUICK
    ? [
        [50, 50],
        [500, 10],
        [5000, 4],
      ]
    : [
        [50, 500],
        [500, 100],
        [5000, 40],
      ]
  const out = []
  for (const [n, runs] of sizes) {
    const oldSchema = makeSchema(n, n)
    const { schema: newSchema } = drift(oldSchema, n + 1)
    const { changes } = classifyDrift(oldSchema, newSchema)
    const registered = mappingFor(oldSchema, changes)
    // A workspace with a history of decisions, one of them on a repair this drift proposes again.
    const again = proposeRepairs(changes, currentEntries(registered, undefined), [])[0]?.signature ?? 'none'
    const history: Precedent[] = Array.from({ length: 50 }, (_, i) => ({
      signature: i === 0 ? again : `remap:old_${i}>new_${i}`,
      decision: i % 3 === 0 ? 'rejected' : 'approved',
      at: '2026-11-01T00:00:00Z',
    }))
    const ready = () =>
      proposeRepairs(classifyDrift(oldSchema, newSchema).changes, currentEntries(registered, undefined), history)
    const proposals = ready()
    const kinds: Record<string, number> = {}
    for (const p of proposals) kinds[p.kind] = (kinds[p.kind] ?? 0) + 1
    out.push({
      fields: n,
      changes: changes.length,
      mapped_fields: Object.keys(registered.mapping).length,
      proposals: kinds,
      ...interleaved(runs, {
        baseline_classify_ms: () => classifyDrift(oldSchema, newSchema),
        proposals_ready_ms: ready,
        // The repair step alone (the classifier's output given), whose cost the totals' noise hides.
        repair_step_only_ms: () => proposeRepairs(changes, currentEntries(registered, undefined), history),
      }),
    })
  }
  return out
}

type Event = { type: string; time: string; data: Record<string, unknown> }

async function endToEnd() {
  const api = await startBenchApi({ JOB_RETRY_BASE_SECONDS: '1' })
  let sse: ClientRequest | undefined
  try {
    const call = async (method: string, path: string, body?: unknown, type = 'application/json') => {
      const res = await fetch(`${api.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${api.token}`, 'content-type': type },
        ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      })
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`)
      return (await res.json()) as Record<string, unknown>
    }
    // Waiters on the SSE stream: each resolves with the receipt time of the first event it matches.
    const waiters = new Set<{ match: (e: Event) => boolean; done: (at: number) => void }>()
    const seen: Event[] = []
    const received: number[] = [] // receipt time of each event in `seen`
    sse = await openSse(
      `${api.url}/v1/events/stream?types=aos.sync.completed,aos.repair.*,aos.job.succeeded`,
      api.token,
      (raw) => {
        const at = Date.now()
        const event = JSON.parse(raw) as Event
        seen.push(event)
        received.push(at)
        for (const w of waiters)
          if (w.match(event)) {
            waiters.delete(w)
            w.done(at)
          }
      },
    )
    /** The receipt time of the first event matching, among those received from index `from` on. */
    const next = (what: string, match: (e: Event) => boolean, from = seen.length) =>
      new Promise<number>((resolve, reject) => {
        const early = seen.findIndex((e, i) => i >= from && match(e))
        if (early >= 0) return resolve(received[early] as number)
        const timer = setTimeout(() => {
          const tail = seen.slice(-4).map((e) => `${e.type} ${JSON.stringify(e.data).slice(0, 200)}`)
          reject(new Error(`no ${what} within 60 s; last events: ${tail.join(' | ')}`))
        }, 60_000)
        waiters.add({
          match,
          done: (at) => {
            clearTimeout(timer)
            resolve(at)
          },
        })
      })

    await call('PUT', '/v1/flags/USE_AAM_AS_SOURCE', { value: true })
    await call('PUT', '/v1/settings/automation', { safe_mode: false })
    const { id } = await call('POST', '/v1/connections', { kind: 'file', name: 'bench', drift_policy: 'propagate_all' })
    await call('PUT', `/v1/connections/${id}/safe-mode`, { safe_mode: false })
    const mapped: Array<[string, string]> = [
      ['id', 'external_id'],
      ['customer_email', 'email'],
      ['first_name', 'first_name'],
    ]
    for (const [source_path, field] of mapped)
      await call('POST', '/v1/dcl/mappings', {
        source_system: 'file',
        connection_id: id,
        source_stream: 'contacts',
        source_path,
        entity: 'contact',
        field,
      })
    // The renamed column keeps its values, so the classifier reads a confident rename (0.89 > 0.65).
    const csv = (email: string) =>
      `id,${email},first_name\nc-1,ada@example.com,Ada\nc-2,grace@example.com,Grace\nc-3,alan@example.com,Alan\n`
    const upload = async (email: string) => {
      const from = seen.length
      const file = await call('POST', `/v1/connections/${id}/files?stream=contacts`, csv(email), 'text/csv')
      return next('aos.sync.completed', (e) => e.type === 'aos.sync.completed' && e.data.file_id === file.file_id, from)
    }
    await upload('customer_email')

    const uploadToSyncEnd: number[] = []
    const syncEndToApplied: number[] = []
    const noopFloor: number[] = []
    progress(`end to end: ${ROUNDS} uploads renaming a mapped column, each beside a noop job`)
    for (let i = 0; i < ROUNDS; i++) {
      const applied = next('aos.repair.applied', (e) => e.type === 'aos.repair.applied')
      applied.catch(() => {}) // awaited below; a timeout before then must not go unhandled
      const started = Date.now()
      const syncEnd = await upload(i % 2 === 0 ? 'customer_email_address' : 'customer_email')
      uploadToSyncEnd.push(syncEnd - started)
      syncEndToApplied.push((await applied) - syncEnd)
      // The queue + job floor the repair job pays, on the same stack, between the same rounds.
      const t0 = Date.now()
      const from = seen.length
      const job = await call('POST', '/v1/jobs', { kind: 'noop', payload: {} })
      const done = (e: Event) => e.type === 'aos.job.succeeded' && e.data.job_id === job.id
      noopFloor.push((await next('aos.job.succeeded', done, from)) - t0)
    }
    const figures = (xs: number[]) => ({ p50_ms: percentile(xs, 50), p95_ms: percentile(xs, 95) })
    return {
      rounds: ROUNDS,
      upload_to_sync_end: figures(uploadToSyncEnd),
      sync_end_to_repair_applied: figures(syncEndToApplied),
      baseline_noop_job_enqueue_to_succeeded: figures(noopFloor),
      repair_over_floor_p50_ms: percentile(syncEndToApplied, 50) - percentile(noopFloor, 50),
    }
  } finally {
    sse?.destroy()
    await api.stop()
  }
}

progress('in process: classify vs proposals ready')
const inProcess = proposalsInProcess()
const sse = await endToEnd()
printFigures({
  benchmark: 'repair',
  unit: 'ms',
  setup:
    'in process (tsx); end to end: wrangler dev (local Queues, workerd), embedded PGlite unless BENCH_DATABASE_URL',
  proposals: inProcess,
  sync_end_to_sse: sse,
})
