/**
 * `npm run bench -- views [--records N] [--one-component]`: the unified account view over N synthetic source records
 * (default 100,000; the 1,000,000 with `--records 1000000`) from three sources that describe
 * the same companies each in their own format (a CRM, a shop export in capitals with a URL for a web
 * site, an ERP with a phone and no domain). Measured in the embedded store (PGlite in memory, the
 * project's migrations, the Neon driver through the WebSocket proxy, as the Worker reaches it):
 * - a full rebuild (the one path a request and the `dcl.view-rebuild` job both run: records keyed a
 *   page at a time, then resolved and written a chunk of whole partitions at a time), with its peak
 *   memory, and one cancelled halfway through its resolving pass: how long it ran on after the
 *   cancellation, and whether the view kept its rows;
 * - an incremental refresh after 1% of the records change, in queue-sized batches as the DCL applies
 *   them (`refreshViewIn` after each `applyEntityVersions`);
 * - beside them, a plain `INSERT … SELECT` of the same rows into a table of the same shape.
 * Prints one JSON document.
 */
import { loadavg } from 'node:os'
import { sql } from 'drizzle-orm'
import { tenants } from '../../db/schema/index.ts'
import { openDatabase, withTenant } from '../../workers/adapters/db/client.ts'
import { applyEntityVersions } from '../../workers/adapters/db/dcl-repo.ts'
import type { EntityVersion } from '../../workers/core/dcl/canonical-feed.ts'
import { memberKey } from '../../workers/core/dcl/views/member.ts'
import { REBUILD_CHUNK, RebuildCancelled, rebuildViewIn } from '../../workers/services/dcl/rebuild-view.ts'
import { emptyRefreshStages, refreshViewIn } from '../../workers/services/dcl/refresh-views.ts'
import { startEmbeddedPostgres } from '../lib/embedded-postgres.ts'
import { freePort } from '../lib/free-port.ts'
import { migrate } from '../lib/migrate.ts'
import { startNeonWsProxy } from '../lib/neon-ws-proxy.ts'
import { printFigures, progress, round } from './lib/stats.ts'

const flag = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name)
  const n = i >= 0 ? Number(process.argv[i + 1]) : fallback
  if (!Number.isInteger(n) || n < 3) {
    console.error(
      `usage: npm run bench -- views [--records N] [--one-component]  (${name} must be an integer of 3 or more)`,
    )
    process.exit(2)
  }
  return n
}
const RECORDS = flag('--records', 100_000)
/**
 * Every CRM record also names one shared domain (a strong key): the records chain into a single
 * partition, which the rebuild reads and resolves whole, to measure what one component costs.
 */
const ONE_COMPONENT = process.argv.includes('--one-component')
/** About what one queue message of canonical events holds (100 KB). */
const BATCH = 200

const SOURCES = ['/connections/crm/Account', '/connections/shop/customers', '/connections/erp/companies'] as const
const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'ti', 'vo', 'ze', 'da', 'fe', 'go', 'hu', 'ji', 'be', 'po']
/** A distinct made-up word per number: "Kalomi", "Sarune"… */
const word = (n: number) => {
  let w = ''
  let k = n
  do {
    w += SYLLABLES[k % SYLLABLES.length]
    k = Math.floor(k / SYLLABLES.length)
  } while (k > 0)
  return `${w[0]?.toUpperCase()}${w.slice(1)}`
}

/** Record r of the run: company r/3's entry in source r%3, so every company is in all three. */
function record(r: number, time: string, variant = 0): EntityVersion {
  const company = Math.floor(r / 3)
  const source = r % 3
  const name = `${word(company)} ${word(company * 7 + 3)}`
  const domain = `${name.toLowerCase().replace(/ /g, '-')}.com`
  const phone = `+1 ${200 + (company % 700)} 555 ${String(company % 10_000).padStart(4, '0')}`
  const data: Record<string, unknown> = [
    {
      external_id: `A${company}`,
      name: `${name} Corporation`,
      domain: ONE_COMPONENT ? 'shared.example' : domain,
      industry: ['Retail', 'Energy'][company % 2],
    },
    {
      external_id: String(company),
      name: `${name.toUpperCase()} INC.`,
      website: `https://www.${domain}/`,
      employee_count: company % 5000,
    },
    { external_id: `E-${company}`, name, phone: variant ? `${phone.slice(0, -1)}${variant}` : phone },
  ][source] as Record<string, unknown>
  return {
    entity: 'account',
    source: SOURCES[source] as string,
    external_id: String(data.external_id),
    event_id: `bench:${r}:${variant}`,
    event_time: time,
    data,
  }
}

const MB = 1024 * 1024
/**
 * Peak process memory while a stage runs, sampled every 20 ms, as MB above what it was at the start.
 * PGlite runs in this process: its WASM memory shows in `rss`, not in `heap_used`, so `heap_used`
 * is the closer figure for what the Worker itself would hold.
 */
function sampleMemory() {
  const start = process.memoryUsage()
  let rss = start.rss
  let heap = start.heapUsed
  const timer = setInterval(() => {
    const now = process.memoryUsage()
    rss = Math.max(rss, now.rss)
    heap = Math.max(heap, now.heapUsed)
  }, 20)
  return {
    stop: () => {
      clearInterval(timer)
      return {
        peak_heap_used_above_start: round((heap - start.heapUsed) / MB, 0),
        peak_rss_above_start: round((rss - start.rss) / MB, 0),
      }
    },
  }
}

const countRows = async (db: ReturnType<typeof openDatabase>['db'], tenantId: string) =>
  (await db.execute<{ n: number }>(sql`select count(*)::int as n from dcl_unified_rows where tenant_id = ${tenantId}`))
    .rows[0]?.n

async function main() {
  const postgres = await startEmbeddedPostgres({ port: await freePort() })
  const proxy = await startNeonWsProxy(await freePort())
  const { db, close } = openDatabase(postgres.url, `127.0.0.1:${proxy.port}`)
  try {
    if (!(await migrate(postgres.url)).ok) throw new Error('migrations refused')
    const tenantId = crypto.randomUUID()
    await db.insert(tenants).values({ id: tenantId, name: 'views bench' })

    progress(`loading ${RECORDS} source records into dcl_entities`)
    const loadStarted = performance.now()
    for (let at = 0; at < RECORDS; at += 5000) {
      const versions = Array.from({ length: Math.min(5000, RECORDS - at) }, (_, k) =>
        record(at + k, '2026-01-01T00:00:00Z'),
      )
      await withTenant(db, tenantId, (tx) => applyEntityVersions(tx, tenantId, versions))
    }
    const loadMs = performance.now() - loadStarted

    progress('baseline: INSERT … SELECT of the same rows')
    await db.execute(sql`create table bench_views_copy (like dcl_entities)`)
    const copyStarted = performance.now()
    await db.execute(sql`insert into bench_views_copy select * from dcl_entities where tenant_id = ${tenantId}`)
    const copyMs = performance.now() - copyStarted

    progress('full rebuild')
    const rebuildMemory = sampleMemory()
    const rebuildStarted = performance.now()
    const rebuilt = await withTenant(db, tenantId, (tx) => rebuildViewIn(tx, tenantId, 'account'))
    const rebuildMs = performance.now() - rebuildStarted
    const rebuildPeak = rebuildMemory.stop()

    progress('a rebuild cancelled halfway through resolving')
    const rowsBefore = await countRows(db, tenantId)
    let cancelledAt = 0
    let checksSinceCancel = 0
    const cancelledStarted = performance.now()
    // A rebuild of one chunk has no check left after the cancellation: it runs to the end.
    const stopped = await withTenant(db, tenantId, (tx) =>
      rebuildViewIn(tx, tenantId, 'account', {
        progress: async (done, total, unit) => {
          if (unit === 'records resolved' && done >= total / 2 && !cancelledAt) cancelledAt = performance.now()
        },
        // The worst case: the cancellation lands just after a check, so one more chunk runs before the next.
        isCancelled: async () => cancelledAt > 0 && checksSinceCancel++ > 0,
      }),
    ).then(
      () => false,
      (error: unknown) => {
        if (error instanceof RebuildCancelled) return true
        throw error
      },
    )
    const stoppedAt = performance.now()
    const rowsAfterCancel = await countRows(db, tenantId)
    // PGlite has no autovacuum: gather the statistics a server would have by now, so the planner
    // reaches for the primary keys and the key table's btrees.
    await db.execute(sql`analyze dcl_entities`)
    await db.execute(sql`analyze dcl_unified_rows`)
    await db.execute(sql`analyze dcl_unified_keys`)

    const changed = Array.from({ length: Math.max(1, Math.floor(RECORDS / 100)) }, (_, k) =>
      Math.floor((k * RECORDS) / Math.max(1, Math.floor(RECORDS / 100))),
    )
    progress(`incremental refresh after ${changed.length} changes (1%), in batches of ${BATCH}`)
    let applyMs = 0
    let refreshMs = 0
    let resolved = 0
    let rewritten = 0
    const stages = emptyRefreshStages()
    for (let at = 0; at < changed.length; at += BATCH) {
      const versions = changed.slice(at, at + BATCH).map((r) => record(r, '2026-02-01T00:00:00Z', 9))
      const t0 = performance.now()
      const applied = await withTenant(db, tenantId, (tx) => applyEntityVersions(tx, tenantId, versions))
      const t1 = performance.now()
      const keys = applied.changed.map((c) => memberKey({ source: c.source, externalId: c.external_id }))
      const result = await withTenant(db, tenantId, (tx) => refreshViewIn(tx, tenantId, 'account', keys, stages))
      refreshMs += performance.now() - t1
      applyMs += t1 - t0
      resolved += result.resolved
      rewritten += result.rewritten
    }
    printFigures({
      bench: 'views',
      store: 'PGlite (embedded, in memory), Neon driver via the WebSocket proxy',
      records: RECORDS,
      one_component: ONE_COMPONENT,
      sources: SOURCES.length,
      companies: Math.ceil(RECORDS / 3),
      unified_rows: await countRows(db, tenantId),
      load_seconds: round(loadMs / 1000, 1),
      full_rebuild: {
        seconds: round(rebuildMs / 1000, 1),
        records_per_second: Math.round(RECORDS / (rebuildMs / 1000)),
        rows: rebuilt.rows,
        chunk_records: REBUILD_CHUNK,
        partition_rounds: rebuilt.partition_rounds,
        memory_mb: rebuildPeak,
      },
      cancelled_rebuild: {
        stopped,
        seconds_before_cancel: round((cancelledAt - cancelledStarted) / 1000, 1),
        seconds_to_stop_after_cancel: round((stoppedAt - cancelledAt) / 1000, 2),
        rows_before: rowsBefore,
        rows_after: rowsAfterCancel,
      },
      incremental_refresh: {
        changed_records: changed.length,
        batches: Math.ceil(changed.length / BATCH),
        refresh_seconds: round(refreshMs / 1000, 2),
        apply_seconds: round(applyMs / 1000, 2),
        records_re_resolved: resolved,
        rows_rewritten: rewritten,
        stage_seconds: Object.fromEntries(Object.entries(stages).map(([k, ms]) => [k, round(ms / 1000, 2)])),
      },
      baseline_insert_select: {
        seconds: round(copyMs / 1000, 2),
        records_per_second: Math.round(RECORDS / (copyMs / 1000)),
      },
      rebuild_vs_baseline: round(rebuildMs / copyMs, 1),
      machine_load_average: loadavg().map((l) => round(l, 1)),
    })
  } finally {
    await close()
    await proxy.stop()
    await postgres.stop()
  }
}

await main()
