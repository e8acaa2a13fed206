/**
 * `npm run bench -- ingest`: a generated CSV (1,000,000 rows by default, BENCH_ROWS to change)
 * through FileSource → canonical events → Postgres under `wrangler dev`, in rows/s, next to a plain
 * Postgres `COPY` of the same file into the same database in the same run. Also samples, during the
 * sync, workerd's resident memory and the worker's V8 heap (what survives a full collection is the
 * working set; resident memory also keeps heap V8 has not returned), and says where the time went:
 * the worker's CPU profile by stage, Postgres's sessions by statement, and the jobs' queue hops.
 * Then, as a same-run figure for decision 038, the alternative of a typed landing table
 * (lib/typed-landing.ts, not the product path).
 * Runs on real PostgreSQL (BENCH_DATABASE_URL, default a fresh `aos_bench` database on
 * 127.0.0.1:5432): PGlite's wire server does not speak COPY FROM STDIN, so the baseline needs it.
 */
import { createReadStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import { freshDatabase } from '../lib/fresh-database.ts'
import { startBenchApi } from './lib/bench-stack.ts'
import { samplePgActivity } from './lib/pg-activity.ts'
import { openSse } from './lib/sse-client.ts'
import { percentile, progress, round } from './lib/stats.ts'
import { typedLandingLoad } from './lib/typed-landing.ts'
import { workerHeap } from './lib/worker-heap.ts'
import { openWorkerInspector } from './lib/worker-inspector.ts'
import { type StageRule, startWorkerProfile } from './lib/worker-profile.ts'
import { workerdRssKib } from './lib/workerd-processes.ts'

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000)
const PART_ROWS = 400_000 // keeps each upload under the 50 MiB limit
const HEADER = 'id,email,first_name,last_name,amount,created_at,active,country'

/** The worker's code by stage of the sync (a sample counts for the nearest frame a rule names). */
const STAGES: StageRule[] = [
  [
    'read file (R2 stream, UTF-8 check)',
    /^workers\/adapters\/(file-scan|files)\.ts$|^workers\/core\/aam\/ingest\/utf8\.ts$/,
  ],
  ['parse CSV', /^workers\/core\/aam\/ingest\/(csv|jsonl|parsed-rows)\.ts$/],
  ['infer schema (pass 1)', /^workers\/core\/aam\/ingest\/infer-schema\.ts$/],
  ['normalise + validate (canonical records, zod)', /^workers\/core\/|^workers\/services\/aam\/store-batch\.ts$/],
  [
    'write statements (SQL, JSON, Neon driver)',
    /^workers\/adapters\/db\/|^node_modules\/(drizzle-orm|@neondatabase|pg|pg-protocol|pg-types|postgres-[a-z]+)\//,
  ],
  ['events + progress (TenantHub)', /^durable-objects\/|^workers\/services\/(aam\/sync-events|events)/],
  ['sync loop (batching)', /^workers\/services\/aam\/sync-files\.ts$/],
  ['queue + job bookkeeping', /^workers\/(queues|services\/jobs)\//],
]

/** Postgres statements by kind, as pg_stat_activity shows them. */
const STATEMENTS: [string, RegExp][] = [
  ['insert into records', /insert into records/i],
  ['insert into quarantine', /insert into "?quarantine/i],
  ['begin, scope, commit', /^\s*(begin|commit|rollback|select\s+set_config)/i],
  ['jobs, streams, files', /"?(jobs|streams|source_files|connections)"?/i],
]

function generate(dir: string): string[] {
  const files: string[] = []
  const countries = ['GB', 'US', 'DE', 'FR', 'IN', 'BR', 'JP']
  for (let start = 0; start < ROWS; start += PART_ROWS) {
    const lines = [HEADER]
    for (let i = start; i < Math.min(ROWS, start + PART_ROWS); i++) {
      const day = String((i % 28) + 1).padStart(2, '0')
      lines.push(
        `${i},user${i}@example.com,First${i % 977},Last${i % 1009},${(i % 100000) / 100},2025-03-${day}T10:${String(i % 60).padStart(2, '0')}:00Z,${i % 3 === 0},${countries[i % countries.length]}`,
      )
    }
    const file = join(dir, `part-${files.length}.csv`)
    writeFileSync(file, `${lines.join('\n')}\n`)
    files.push(file)
  }
  return files
}

/**
 * A baseline takes seconds, so one run is at the mercy of whatever else the shared machine does at that
 * moment: three runs, the median counts, all three are shown.
 */
async function medianOfRuns(run: () => Promise<number>) {
  const runs: number[] = []
  for (let i = 0; i < 3; i++) runs.push(await run())
  return { seconds: round(percentile(runs, 50), 2), runs_s: runs.map((s) => round(s, 2)) }
}

async function copyBaseline(databaseUrl: string, files: string[]) {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    await client.query(`CREATE TABLE IF NOT EXISTS bench_copy (id bigint, email text, first_name text, last_name text,
      amount numeric, created_at timestamptz, active boolean, country text)`)
    const seconds = await medianOfRuns(async () => {
      await client.query('TRUNCATE bench_copy')
      const started = performance.now()
      for (const file of files) {
        await pipeline(
          createReadStream(file),
          client.query(copyFrom('COPY bench_copy FROM STDIN WITH (FORMAT csv, HEADER true)')),
        )
      }
      return (performance.now() - started) / 1000
    })
    await client.query('DROP TABLE bench_copy')
    return { rows: ROWS, ...seconds, rows_per_s: round(ROWS / seconds.seconds, 0) }
  } finally {
    await client.end()
  }
}

/**
 * The storage ceiling: COPY of the same rows already shaped as stored records (event id + canonical
 * jsonb) into a table with the `records` table's indexes. The shaping happens before the clock starts.
 */
async function copyRecordsShapedBaseline(databaseUrl: string, files: string[], dir: string) {
  const shaped = join(dir, 'records.tsv')
  const out: string[] = []
  for (const file of files) {
    const [header = '', ...lines] = readFileSync(file, 'utf8').trimEnd().split('\n')
    const names = header.split(',')
    for (const [n, line] of lines.entries()) {
      const values = line.split(',')
      const attributes = Object.fromEntries(names.map((k, i) => [k, values[i]]))
      const data = JSON.stringify({ external_id: values[0], attributes }).replaceAll('\\', '\\\\')
      out.push(`${file}:${n + 2}\t${data}`)
    }
  }
  writeFileSync(shaped, `${out.join('\n')}\n`)
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    await client.query(`CREATE TABLE bench_records (tenant_id uuid NOT NULL DEFAULT '00000000-0000-4000-8000-000000000001',
      stream_id uuid NOT NULL DEFAULT '00000000-0000-4000-8000-000000000002', event_id text NOT NULL, data jsonb NOT NULL,
      synced_at timestamptz NOT NULL DEFAULT now())`)
    await client.query('CREATE UNIQUE INDEX ON bench_records (tenant_id, event_id)')
    await client.query('CREATE INDEX ON bench_records (tenant_id, stream_id, synced_at)')
    const seconds = await medianOfRuns(async () => {
      await client.query('TRUNCATE bench_records')
      const started = performance.now()
      await pipeline(createReadStream(shaped), client.query(copyFrom('COPY bench_records (event_id, data) FROM STDIN')))
      return (performance.now() - started) / 1000
    })
    await client.query('DROP TABLE bench_records')
    return { rows: ROWS, ...seconds, rows_per_s: round(ROWS / seconds.seconds, 0) }
  } finally {
    await client.end()
    rmSync(shaped, { force: true })
  }
}

/** The sync jobs of the run: when each was enqueued, started and finished, in ms after the first upload began. */
async function syncJobTimes(databaseUrl: string, since: Date) {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    const { rows } = await client.query<{ kind: string; created_at: Date; started_at: Date; finished_at: Date }>(
      'select kind, created_at, started_at, finished_at from jobs where created_at >= $1 order by created_at',
      [since],
    )
    const after = (at: Date | null) => (at ? at.getTime() - since.getTime() : null)
    return rows.map((j) => ({
      kind: j.kind,
      enqueued: after(j.created_at),
      started: after(j.started_at),
      finished: after(j.finished_at),
    }))
  } finally {
    await client.end()
  }
}

process.env.BENCH_DATABASE_URL = await freshDatabase(
  new URL(process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/aos_bench'),
  'The ingest bench',
)
const dir = mkdtempSync(join(tmpdir(), 'aos-ingest-'))
progress(`generating ${ROWS} rows`)
const files = generate(dir)
const bytes = files.reduce((n, f) => n + statSync(f).size, 0)
const api = await startBenchApi()
try {
  progress('baseline: COPY into the same Postgres')
  const copy = await copyBaseline(api.databaseUrl, files)
  progress('baseline: COPY of the same rows shaped as stored records (jsonb, same indexes)')
  const copyShaped = await copyRecordsShapedBaseline(api.databaseUrl, files, dir)

  const headers = { authorization: `Bearer ${api.token}`, 'content-type': 'application/json' }
  const created = await fetch(`${api.url}/v1/connections`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ kind: 'file', name: 'ingest bench' }),
  })
  const { id } = (await created.json()) as { id: string }
  const completed = new Set<string>()
  let stored = 0
  const stream = await openSse(`${api.url}/v1/events/stream?types=aos.sync.completed`, api.token, (data) => {
    const event = JSON.parse(data) as { data: { stored: number; file_id: string } }
    completed.add(event.data.file_id)
    stored += event.data.stored
  })
  const rssBefore = workerdRssKib(api.processGroup)
  let rssPeak = rssBefore
  // The isolate's heap beside the process's memory: reserved (garbage included) every half second, and
  // what survives a full collection every 5 s (the working set; forcing it costs the sync a little).
  const inspector = await openWorkerInspector(api.inspectorPort)
  const heap = workerHeap(inspector)
  const heapBefore = await heap.live()
  let heapUsedPeak = heapBefore.used_mb
  let heapTotalPeak = heapBefore.total_mb
  let liveHeapPeak = heapBefore.used_mb
  let samples = 0
  const sampler = setInterval(async () => {
    rssPeak = Math.max(rssPeak, workerdRssKib(api.processGroup))
    const collect = ++samples % 10 === 0
    const now = collect ? await heap.live() : await heap.usage()
    if (collect) liveHeapPeak = Math.max(liveHeapPeak, now.used_mb)
    heapUsedPeak = Math.max(heapUsedPeak, now.used_mb)
    heapTotalPeak = Math.max(heapTotalPeak, now.total_mb)
  }, 500)
  progress(`FileSource: uploading ${files.length} part(s), ${round(bytes / 1e6, 1)} MB, and syncing`)
  const profile = await startWorkerProfile(inspector, STAGES)
  const activity = await samplePgActivity(api.databaseUrl, STATEMENTS)
  const uploadStarted = new Date()
  const started = performance.now()
  for (const file of files) {
    const res = await fetch(`${api.url}/v1/connections/${id}/files?stream=people`, {
      method: 'POST',
      headers: { authorization: `Bearer ${api.token}`, 'content-type': 'text/csv' },
      body: readFileSync(file),
    })
    if (res.status !== 202) throw new Error(`upload answered ${res.status}: ${await res.text()}`)
  }
  const deadline = Date.now() + 30 * 60_000
  while (completed.size < files.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 500))
  const seconds = (performance.now() - started) / 1000
  clearInterval(sampler)
  const workerStages = await profile.stop()
  const postgresSessions = await activity.stop()
  inspector.close()
  stream.destroy()
  const jobs = await syncJobTimes(api.databaseUrl, uploadStarted)
  progress('alternative: the same rows into a typed landing table (unnest batches), records derived from it')
  const typedLanding = await typedLandingLoad(api.databaseUrl, api.dbWsProxy, files)
  const fileSource = {
    rows: ROWS,
    stored,
    seconds: round(seconds, 2),
    rows_per_s: round(stored / seconds, 0),
    workerd_rss_mb: { before: round(rssBefore / 1024, 0), peak: round(rssPeak / 1024, 0) },
    worker_heap_mb: {
      live_before: heapBefore.used_mb,
      live_peak: liveHeapPeak,
      used_peak: heapUsedPeak,
      reserved_peak: heapTotalPeak,
    },
  }
  console.log(
    JSON.stringify(
      {
        benchmark: 'ingest',
        setup: `${api.databaseLabel}, wrangler dev (local workerd, R2, Queues), ${round(bytes / 1e6, 1)} MB CSV in ${files.length} upload(s), 2-core machine`,
        baseline_postgres_copy: copy,
        baseline_copy_of_stored_records: copyShaped,
        filesource_to_canonical_records: fileSource,
        ratio_to_copy: round(fileSource.rows_per_s / copy.rows_per_s, 3),
        ratio_to_stored_records_copy: round(fileSource.rows_per_s / copyShaped.rows_per_s, 3),
        where_the_time_went: {
          worker_cpu_profile: workerStages,
          postgres_sessions_s: postgresSessions,
          sync_jobs_ms_after_upload_start: jobs,
        },
        alternative_typed_landing_table: {
          note: 'measurement for decision 038, not the product path: Node, same parser and Neon driver path, no R2/queue',
          ...typedLanding,
          ratio_to_copy: round(typedLanding.land_and_derive.rows_per_s / copy.rows_per_s, 3),
          landing_only_ratio_to_copy: round(typedLanding.land_typed_unnest.rows_per_s / copy.rows_per_s, 3),
          landing_by_copy_ratio_to_copy: round(
            typedLanding.land_by_copy_via_temp_table.rows_per_s / copy.rows_per_s,
            3,
          ),
          landing_by_copy_and_derive_ratio_to_copy: round(
            typedLanding.land_by_copy_and_derive.rows_per_s / copy.rows_per_s,
            3,
          ),
          with_infer_pass_ratio_to_copy: round(typedLanding.infer_land_and_derive.rows_per_s / copy.rows_per_s, 3),
        },
        goal: { ratio_to_copy: '>= 0.25', workerd_rss_growth_mb: '<= 64' },
      },
      null,
      2,
    ),
  )
} finally {
  await api.stop()
  rmSync(dir, { recursive: true, force: true })
}
