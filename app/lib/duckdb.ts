// DuckDB-WASM in the browser, from the console's own assets (no CDN). The EH build's wasm is shipped
// gzip-compressed (scripts/lib/vite-duckdb-bundles.ts) and served with Content-Encoding: gzip by the
// Worker (routes/meta/duckdb-wasm.ts), so the browser inflates it natively while compiling it. Both
// engine files have content-hashed names, set at build time, so the browser caches them as immutable.
// @duckdb/duckdb-wasm is pinned to 1.28.0, the last build without run-time extension loading: later
// builds export ~75,000 functions that Emscripten's start-up code walks, a second more per start (decision 037).
import type { AsyncDuckDB } from '@duckdb/duckdb-wasm'

// A module-level singleton: client-side navigation keeps this module, so the engine outlives pages.
let instance: Promise<AsyncDuckDB> | null = null

/** Marks a start-up stage as a `duckdb:<stage>` performance measure, so the bench can split the start. */
function stage(name: string, since: number): number {
  const now = performance.now()
  performance.measure(`duckdb:${name}`, { start: since, end: now })
  return now
}

async function start(): Promise<AsyncDuckDB> {
  let t = performance.now()
  const duckdb = await import('@duckdb/duckdb-wasm')
  t = stage('import', t)
  const worker = new Worker(import.meta.env.VITE_DUCKDB_WORKER)
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker)
  try {
    // Worker script, wasm download and compile, and the module's start-up code.
    await db.instantiate(new URL(import.meta.env.VITE_DUCKDB_WASM, location.href).href)
    t = stage('instantiate', t)
    // Opened here rather than lazily by the first connect, so the whole start is in `duckdb()`.
    await db.open({})
    stage('open', t)
  } catch (error) {
    worker.terminate()
    throw new Error(
      `Could not start the DuckDB engine (${error instanceof Error ? error.message : error}). Reload the page.`,
    )
  }
  return db
}

/** One engine per tab, started on first use. */
export function duckdb(): Promise<AsyncDuckDB> {
  instance ??= start().catch((error) => {
    instance = null
    throw error
  })
  return instance
}

/**
 * Starts the engine without waiting for it, e.g. when the pointer or focus reaches a link to a preview:
 * its start takes seconds (most of it DuckDB's own start-up in its worker), so any head start shows.
 */
export function startEngine() {
  void duckdb().catch(() => {})
}

export type QueryResult = { columns: string[]; rows: unknown[][]; ms: number }

/** Arrow values as plain JS for display: BigInt as number when exact, else text; dates as ISO. */
function plain(value: unknown): unknown {
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString()
  if (value instanceof Date) return value.toISOString()
  if (value instanceof Uint8Array) return `<${value.length} bytes>`
  if (value !== null && typeof value === 'object')
    return JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v))
  return value
}

export async function runQuery(sql: string): Promise<QueryResult> {
  const db = await duckdb()
  const conn = await db.connect()
  try {
    const started = performance.now()
    const table = await conn.query(sql)
    const ms = performance.now() - started
    const columns = table.schema.fields.map((f) => f.name)
    const rows = table.toArray().map((row) => {
      const record = row.toJSON() as Record<string, unknown>
      return columns.map((c) => plain(record[c]))
    })
    return { columns, rows, ms }
  } finally {
    await conn.close()
  }
}

/** Loads an Arrow IPC stream as a table (replacing any table of that name). */
export async function loadArrow(table: string, bytes: Uint8Array) {
  const db = await duckdb()
  const conn = await db.connect()
  try {
    await conn.query(`DROP TABLE IF EXISTS "${table}"`)
    await conn.insertArrowFromIPCStream(bytes, { name: table, create: true })
  } finally {
    await conn.close()
  }
}
