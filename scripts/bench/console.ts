/**
 * `npm run bench -- console`: the console's production build size per route (JS, gzip), time to first
 * render of the dashboard in headless Chromium (baseline: the sign-in page, which loads no data),
 * DuckDB-WASM start and first preview of a synced stream, and a 1M-row aggregate in DuckDB (baseline:
 * `SELECT 1` on the same engine). Each run is a fresh browser profile (cold: nothing cached), then a
 * reload (warm: the tab's engine is still running in its shared worker, decision 041), then a new tab
 * (its own engine, started from cached files), beside a static-file baseline: fetching the engine's wasm uncached in the same page, what a cold
 * start cannot beat, and fetching plus compiling it (WebAssembly.compileStreaming). Also away and back by
 * client-side navigation, a returning visitor in a new browser session with a profile on disk (the engine
 * restarts, from cached files and, where Chromium kept it, compiled code), and the start's stages as the
 * app marks them (import, instantiate, open).
 * Targets (localhost): cold first preview < 1 s, warm < 300 ms, the aggregate < 200 ms.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Page } from 'playwright-core'
import { launchChromium, launchChromiumProfile } from '../../test/support/browser.ts'
import { buildConsole } from '../console-build.ts'
import { request, waitForJob } from '../lib/api-client.ts'
import { startBenchApi } from './lib/bench-stack.ts'
import { percentile, progress, round } from './lib/stats.ts'

const CLIENT = join(import.meta.dirname, '../../build/console/client')
const RUNS = Number(process.env.BENCH_RUNS ?? 5)

type RouteEntry = { module: string; imports?: string[]; css?: string[]; parentId?: string }
type Manifest = { entry: { module: string; imports: string[] }; routes: Record<string, RouteEntry> }

function readManifest(): Manifest {
  const file = readdirSync(join(CLIENT, 'assets')).find((f) => f.startsWith('manifest-') && f.endsWith('.js'))
  if (!file) throw new Error('No React Router manifest in build/console/client/assets')
  const text = readFileSync(join(CLIENT, 'assets', file), 'utf8')
  return JSON.parse(text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1)) as Manifest
}

const gzipBytes = (asset: string) => gzipSync(readFileSync(join(CLIENT, asset))).length

/** JS a first visit to each route downloads: entry, its parents' modules and its own, with imports. */
function routeSizes() {
  const manifest = readManifest()
  const chain = (id: string): RouteEntry[] => {
    const route = manifest.routes[id]
    return route ? [...(route.parentId ? chain(route.parentId) : []), route] : []
  }
  const sizes: Record<string, { js_gzip_kb: number; files: number }> = {}
  for (const id of Object.keys(manifest.routes)) {
    if (id === 'root') continue
    const files = new Set([manifest.entry.module, ...manifest.entry.imports])
    for (const r of chain(id)) for (const f of [r.module, ...(r.imports ?? [])]) files.add(f)
    const bytes = [...files].reduce((n, f) => n + gzipBytes(f), 0)
    sizes[id.replace('routes/', '')] = { js_gzip_kb: round(bytes / 1024, 1), files: files.size }
  }
  return sizes
}

const summary = (samples: number[]) => ({
  median_ms: round(percentile(samples, 50), 0),
  p95_ms: round(percentile(samples, 95), 0),
})

async function firstRender(page: Page, path: string, ready: string) {
  await page.goto(path)
  await page.locator(ready).first().waitFor({ timeout: 60_000 })
  return page.evaluate(() => performance.now())
}

/** The engine's start-up stages the app marks (app/lib/duckdb.ts), plus the preview's own phases. */
async function stages(page: Page, into: Record<string, number[]>) {
  const measured = await page.evaluate(() =>
    performance
      .getEntriesByType('measure')
      .filter((m) => m.name.startsWith('duckdb:'))
      .map((m) => [m.name.slice('duckdb:'.length), m.duration] as const),
  )
  const status = page.locator('[data-testid=preview-status]')
  const engineMs = Number(await status.getAttribute('data-engine-ms'))
  const readyMs = Number(await status.getAttribute('data-ready-ms'))
  const downloadMs = Number(await status.getAttribute('data-download-ms'))
  for (const [name, ms] of [
    ...measured,
    ['export_download_after_engine', downloadMs - engineMs] as const,
    ['arrow_load', readyMs - downloadMs] as const,
  ]) {
    into[name] = [...(into[name] ?? []), ms]
  }
}

async function runSql(page: Page, sql: string) {
  await page.fill('[data-testid=sql]', sql)
  const before = await page
    .locator('[data-testid=result-meta]')
    .getAttribute('data-ms')
    .catch(() => null)
  await page.locator('[data-testid=run-sql]').click()
  await page.waitForFunction(
    (prev) => {
      const el = document.querySelector('[data-testid=result-meta]')
      return el && el.getAttribute('data-ms') !== prev
    },
    before,
    { timeout: 60_000 },
  )
  const error = await page.locator('[data-testid=sql-error]').count()
  if (error) throw new Error(`SQL failed: ${await page.locator('[data-testid=sql-error]').textContent()}`)
  return Number(await page.locator('[data-testid=result-meta]').getAttribute('data-ms'))
}

progress('building the console')
buildConsole(progress)
// Content-hashed names, listed by the build (scripts/lib/vite-duckdb-bundles.ts).
const duckdbEngine = JSON.parse(readFileSync(join(CLIENT, 'duckdb-engine.json'), 'utf8')) as { wasm: string }
const build = {
  routes: routeSizes(),
  duckdb_wasm_gzip_mb: round(statSync(join(CLIENT, `${duckdbEngine.wasm}.gz`)).size / 2 ** 20, 2),
}

const api = await startBenchApi()
const browser = await launchChromium()
try {
  progress('seeding a synced stream (5,000 rows)')
  const conn = await request<{ id: string }>(`${api.url}/v1/connections`, {
    method: 'POST',
    token: api.token,
    body: JSON.stringify({ kind: 'file', name: 'Bench', config: { primary_key: 'id' } }),
  })
  const csv = [
    'id,email,amount,active',
    ...Array.from({ length: 5000 }, (_, i) => `${i},u${i}@example.com,${i % 97},${i % 2 === 0}`),
  ]
  const accepted = await request<{ job_id: string }>(`${api.url}/v1/connections/${conn.id}/files?stream=orders`, {
    method: 'POST',
    token: api.token,
    headers: { 'content-type': 'text/csv' },
    body: csv.join('\n'),
  })
  const status = await waitForJob(api.url, api.token, accepted.job_id)
  if (status !== 'succeeded') throw new Error(`seeding sync ended ${status}`)
  const streams = await request<{ data: { id: string }[] }>(`${api.url}/v1/streams`, { token: api.token })
  const streamId = streams.data[0]?.id as string
  const session = JSON.stringify({
    accessToken: api.token,
    refreshToken: 'unused',
    tenantId: '',
    expiresAt: Date.now() + 600_000,
  })

  const login: number[] = []
  const dashboard: number[] = []
  const engine: number[] = []
  const preview: number[] = []
  const previewCached: number[] = []
  const previewNewTab: number[] = []
  let warmReused = 0
  const staticWasm: number[] = []
  const previewInApp: number[] = []
  const engineInApp: number[] = []
  const compileStreaming: number[] = []
  const coldStages: Record<string, number[]> = {}
  const warmStages: Record<string, number[]> = {}
  for (let run = 0; run < RUNS; run++) {
    progress(`browser run ${run + 1}/${RUNS}`)
    // Fresh contexts: a first visit each, nothing cached. The signed-in one has its session before the first page.
    const anonymous = await browser.newContext({ baseURL: api.url })
    login.push(await firstRender(await anonymous.newPage(), '/login', 'button[type=submit]'))
    await anonymous.close()
    const context = await browser.newContext({ baseURL: api.url })
    await context.addInitScript((s) => localStorage.setItem('aos.session', s), session)
    const page = await context.newPage()
    dashboard.push(await firstRender(page, '/', '[data-widget="dashboard.jobs-by-status"] svg'))
    // The preview in the same tab, as a user gets there: the app's JS is loaded, the engine is not.
    await page.goto(`/streams/${streamId}/preview`)
    const status = page.locator('[data-testid=preview-status][data-phase=ready]')
    await status.waitFor({ timeout: 60_000 })
    engine.push(Number(await status.getAttribute('data-engine-ms')))
    preview.push(Number(await status.getAttribute('data-ready-ms')))
    await stages(page, coldStages)
    // Away and back inside the app (client-side navigation): the tab's engine is kept, not restarted.
    await page.getByRole('link', { name: 'Drift history' }).click()
    await page.waitForURL(/\/drift/)
    await page.goBack()
    await status.waitFor({ timeout: 60_000 })
    engineInApp.push(Number(await status.getAttribute('data-engine-ms')))
    previewInApp.push(Number(await status.getAttribute('data-ready-ms')))
    // A reload: the tab's engine is still running in its shared worker (decision 041).
    await page.reload()
    await status.waitFor({ timeout: 60_000 })
    previewCached.push(Number(await status.getAttribute('data-ready-ms')))
    if ((await status.getAttribute('data-engine-reused')) === 'true') warmReused++
    await stages(page, warmStages)
    // A new tab starts an engine of its own, from the browser cache.
    const tab = await context.newPage()
    await tab.goto(`/streams/${streamId}/preview`)
    const tabStatus = tab.locator('[data-testid=preview-status][data-phase=ready]')
    await tabStatus.waitFor({ timeout: 60_000 })
    previewNewTab.push(Number(await tabStatus.getAttribute('data-ready-ms')))
    await tab.close()
    staticWasm.push(
      await page.evaluate(async (url) => {
        const started = performance.now()
        await (await fetch(url, { cache: 'no-store' })).arrayBuffer()
        return performance.now() - started
      }, duckdbEngine.wasm),
    )
    // What the wasm compiler alone takes on that fetch (streaming, as DuckDB's worker compiles it).
    compileStreaming.push(
      await page.evaluate(async (url) => {
        const started = performance.now()
        await WebAssembly.compileStreaming(fetch(url, { cache: 'no-store' }))
        return performance.now() - started
      }, duckdbEngine.wasm),
    )
    await context.close()
  }

  // A returning visitor in a new browser session, with a profile on disk: the engine is not running and
  // restarts from the HTTP cache; unlike the off-the-record contexts above, Chromium may serve its
  // compiled wasm from its code cache here (written a while after a first compile).
  const previewProfile: number[] = []
  const profileStages: Record<string, number[]> = {}
  {
    progress('returning visitor in a new browser session, profile on disk')
    const dir = mkdtempSync(join(tmpdir(), 'aos-bench-profile-'))
    try {
      for (let run = 0; run <= RUNS; run++) {
        const profile = await launchChromiumProfile(dir, api.url)
        try {
          await profile.addInitScript((s) => localStorage.setItem('aos.session', s), session)
          const page = profile.pages()[0] ?? (await profile.newPage())
          const status = page.locator('[data-testid=preview-status][data-phase=ready]')
          await page.goto(`/streams/${streamId}/preview`)
          await status.waitFor({ timeout: 60_000 })
          // The first session fills the caches; later ones are returning visits.
          if (run > 0) {
            previewProfile.push(Number(await status.getAttribute('data-ready-ms')))
            await stages(page, profileStages)
          }
          // Time for the browser to finish tiering up and write its code cache (a user reads the page).
          await page.waitForTimeout(5_000)
        } finally {
          await profile.close()
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }

  progress('DuckDB: 1,000,000-row aggregate')
  const context = await browser.newContext({ baseURL: api.url })
  await context.addInitScript((s) => localStorage.setItem('aos.session', s), session)
  const page = await context.newPage()
  await page.goto(`/streams/${streamId}/preview`)
  await page.locator('[data-testid=preview-status][data-phase=ready]').waitFor({ timeout: 60_000 })
  await runSql(
    page,
    'CREATE OR REPLACE TABLE big AS SELECT i, i % 100 AS k, (i * 7919) % 1000 AS v FROM range(1000000) t(i)',
  )
  const aggregate: number[] = []
  const baseline: number[] = []
  for (let i = 0; i < RUNS + 2; i++) {
    baseline.push(await runSql(page, `SELECT ${i} AS one`))
    aggregate.push(
      await runSql(page, 'SELECT k, count(*) AS n, avg(v) AS mean, max(v) AS top FROM big GROUP BY k ORDER BY k'),
    )
  }
  await context.close()

  const previewSummary = summary(preview)
  const warmSummary = summary(previewCached)
  const aggregateSummary = summary(aggregate.slice(2))
  console.log(
    JSON.stringify(
      {
        benchmark: 'console',
        database: api.databaseLabel,
        runs: RUNS,
        build,
        first_render: { dashboard: summary(dashboard), baseline_sign_in_page: summary(login) },
        duckdb: {
          engine_start: summary(engine),
          first_preview_cold: previewSummary,
          first_preview_warm: warmSummary,
          warm_reloads_that_found_the_engine_running: `${warmReused}/${RUNS}`,
          first_preview_new_tab_files_cached: summary(previewNewTab),
          first_preview_new_browser_session_profile_on_disk: summary(previewProfile),
          preview_after_in_app_navigation: summary(previewInApp),
          engine_start_after_in_app_navigation: summary(engineInApp),
          baseline_static_wasm_fetch_uncached: summary(staticWasm),
          baseline_wasm_fetch_and_compile_streaming_uncached: summary(compileStreaming),
          stages_cold: Object.fromEntries(Object.entries(coldStages).map(([k, v]) => [k, summary(v)])),
          stages_warm: Object.fromEntries(Object.entries(warmStages).map(([k, v]) => [k, summary(v)])),
          stages_new_browser_session_profile_on_disk: Object.fromEntries(
            Object.entries(profileStages).map(([k, v]) => [k, summary(v)]),
          ),
          aggregate_1m_rows: aggregateSummary,
          baseline_select_1: summary(baseline.slice(2)),
        },
        targets: {
          first_preview_cold_under_1s: previewSummary.median_ms < 1000,
          first_preview_warm_under_300ms: warmSummary.median_ms < 300,
          aggregate_under_200ms: aggregateSummary.median_ms < 200,
        },
      },
      null,
      2,
    ),
  )
} finally {
  await browser.close()
  await api.stop()
}
