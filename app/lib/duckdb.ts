// DuckDB-WASM in the browser, from the console's own assets (no CDN). The EH build's wasm is shipped
// gzip-compressed (scripts/lib/vite-duckdb-bundles.ts) and served with Content-Encoding: gzip by the
// Worker (routes/meta/duckdb-wasm.ts), so the browser inflates it natively while compiling it. Both
// engine files have content-hashed names, set at build time, so the browser caches them as immutable.
// @duckdb/duckdb-wasm is pinned to 1.28.0, the last build without run-time extension loading: later
// builds export ~75,000 functions that Emscripten's start-up code walks, a second more per start (decision 037).
import type { AsyncDuckDB } from '@duckdb/duckdb-wasm'
import hostUrl from './duckdb-host.worker.ts?worker&url'
import type { EngineMessage, HostHello } from './duckdb-relay.ts'
import { getSession, onSessionChange } from './session.ts'

/** A started engine; `reused` when it was already running (kept through a reload). */
export type Engine = { db: AsyncDuckDB; reused: boolean }

/** What AsyncDuckDB uses of its Worker. */
type EngineWorker = Pick<Worker, 'postMessage' | 'addEventListener' | 'removeEventListener' | 'terminate'>

// A module-level singleton: client-side navigation keeps this module, so the engine outlives pages.
let instance: { account: string | null; engine: Promise<Engine>; stop: () => void } | null = null

/** Marks a start-up stage as a `duckdb:<stage>` performance measure, so the bench can split the start. */
function stage(name: string, since: number): number {
  const now = performance.now()
  performance.measure(`duckdb:${name}`, { start: since, end: now })
  return now
}

/** The signed-in account (`tenant:principal` from the access token), which names its engines. */
function account(): string | null {
  const token = getSession()?.accessToken
  try {
    const claims = JSON.parse(atob((token?.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/'))) as {
      tid?: unknown
      sub?: unknown
    }
    return typeof claims.tid === 'string' && typeof claims.sub === 'string' ? `${claims.tid}:${claims.sub}` : null
  } catch {
    return null
  }
}

const wasmUrl = () => new URL(import.meta.env.VITE_DUCKDB_WASM, location.href).href
/** The request id of the head-start INSTANTIATE; AsyncDuckDB numbers its own from 0. */
const HEAD_START = -1

/** This tab's id, which survives its reloads (sessionStorage is per tab); null where storage is refused. */
function tabId(): string | null {
  try {
    let id = sessionStorage.getItem(TAB_KEY)
    if (!id) {
      id = crypto.randomUUID()
      sessionStorage.setItem(TAB_KEY, id)
    }
    return id
  } catch {
    return null
  }
}
const TAB_KEY = 'aos.duckdb-tab'

/**
 * The engine's worker. Where the browser has SharedWorker, one per signed-in account and tab, asked to
 * outlive a reload (`extendedLifetime`, Chromium 148+; elsewhere it ends with the page), so a reload finds
 * the engine running. Its name carries the account and the tab: another account never reaches its tables,
 * and another tab has its own (previews of two streams named alike never overwrite each other).
 * Otherwise, or with nobody signed in, a dedicated worker that ends with the page.
 */
function engineWorker(
  who: string | null,
  onClose: () => void,
): { worker: EngineWorker; hello: Promise<boolean>; stop: () => void } {
  const tab = tabId()
  if (!who || !tab || typeof SharedWorker === 'undefined') {
    const worker = new Worker(import.meta.env.VITE_DUCKDB_WORKER)
    return { worker, hello: Promise.resolve(false), stop: () => worker.terminate() }
  }
  const options = { name: `aos-duckdb:${who}:${tab}`, extendedLifetime: true } as WorkerOptions
  const shared = new SharedWorker(hostUrl, options)
  const { port } = shared
  // Listened for before the port starts: a running host greets at once, before AsyncDuckDB listens.
  const hello = new Promise<boolean>((resolve, reject) => {
    port.addEventListener('message', ({ data }: MessageEvent<HostHello | undefined>) => {
      if (data?.type === 'AOS_HOST') resolve(data.running)
    })
    shared.addEventListener('error', () => reject(new Error('its shared worker did not load')))
  })
  // The host's greeting is for this module; AsyncDuckDB sees only the engine's replies.
  const wrapped = new Map<EventListenerOrEventListenerObject, EventListener>()
  const worker: EngineWorker = {
    postMessage: (message: unknown, transfer?: Transferable[] | StructuredSerializeOptions) =>
      port.postMessage(message, transfer as Transferable[]),
    addEventListener(type: string, listener: EventListenerOrEventListenerObject) {
      if (type === 'error') return shared.addEventListener('error', listener)
      const onEvent: EventListener = (event) => {
        const data = (event as MessageEvent).data as HostHello | EngineMessage | undefined
        if (data?.type === 'AOS_HOST' || (data && 'requestId' in data && data.requestId === HEAD_START)) return
        if (typeof listener === 'function') listener(event)
        else listener.handleEvent(event)
      }
      wrapped.set(listener, onEvent)
      port.addEventListener(type, onEvent)
    },
    removeEventListener(type: string, listener: EventListenerOrEventListenerObject) {
      if (type === 'error') return shared.removeEventListener('error', listener)
      const onEvent = wrapped.get(listener)
      if (onEvent) port.removeEventListener(type, onEvent)
    },
    terminate: () => port.close(),
  }
  // Should the host go, the next use starts afresh.
  port.addEventListener('close', onClose)
  port.start()
  // The engine's download and compile start now, while the page still loads DuckDB-WASM's own module;
  // the page's INSTANTIATE then gets this one's answer from the host (app/lib/duckdb-relay.ts).
  port.postMessage({ messageId: HEAD_START, type: 'INSTANTIATE', data: [wasmUrl(), null] } satisfies EngineMessage)
  return {
    worker,
    hello,
    stop: () => {
      port.postMessage({ type: 'AOS_CLOSE' })
      port.close()
    },
  }
}

type EngineParts = ReturnType<typeof engineWorker>

async function start({ worker, hello, stop }: EngineParts): Promise<Engine> {
  let t = performance.now()
  try {
    const duckdb = await import('@duckdb/duckdb-wasm')
    t = stage('import', t)
    const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker as Worker)
    const reused = await hello
    // Worker script, wasm download and compile, and the module's start-up code (in a shared worker under
    // way since its head start); a running engine answers at once.
    await db.instantiate(wasmUrl())
    t = stage('instantiate', t)
    // Opened here rather than lazily by the first connect, so the whole start is in `duckdb()`.
    await db.open({})
    stage('open', t)
    return { db, reused }
  } catch (error) {
    stop()
    throw new Error(
      `Could not start the DuckDB engine (${error instanceof Error ? error.message : error}). Reload the page.`,
    )
  }
}

/** Ends this tab's engine. */
function stopEngine() {
  instance?.stop()
  instance = null
}

// Signing out, or in as someone else, must not leave the previous account's tables reachable.
if (typeof window !== 'undefined') {
  onSessionChange(() => {
    if (instance && instance.account !== account()) stopEngine()
  })
}

/** The signed-in account's engine, started on first use. */
export function engine(): Promise<Engine> {
  const who = account()
  if (instance && instance.account !== who) stopEngine()
  if (instance) return instance.engine
  const forget = () => {
    if (instance?.engine === started) instance = null
  }
  const parts = engineWorker(who, forget)
  const started = start(parts).catch((error) => {
    forget()
    throw error
  })
  instance = { account: who, engine: started, stop: parts.stop }
  return started
}

export const duckdb = async (): Promise<AsyncDuckDB> => (await engine()).db

/**
 * Starts the engine without waiting for it, e.g. when the pointer or focus reaches a link to a preview:
 * its start takes seconds (most of it DuckDB's own start-up in its worker), so any head start shows.
 */
export function startEngine() {
  void engine().catch(() => {})
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
