import { Download, Play } from 'lucide-react'
import { useEffect, useState } from 'react'
import { Link, useLoaderData } from 'react-router'
import { Button } from '../components/button.tsx'
import { DataGrid } from '../components/data-grid.tsx'
import { Textarea } from '../components/form.tsx'
import { PageHeader } from '../components/page-header.tsx'
import { ProblemNote } from '../components/problem-note.tsx'
import { Widget } from '../components/widget.tsx'
import { ApiProblem, api, apiResponse } from '../lib/api.ts'
import { download, toCsv } from '../lib/csv.ts'
import { engine, loadArrow, type QueryResult, runQuery, startEngine } from '../lib/duckdb.ts'
import { pageTitle } from '../lib/nav.ts'
import type { List, Stream } from '../lib/types.ts'
import type { Route } from './+types/preview'

export const meta = ({ loaderData }: Route.MetaArgs) =>
  pageTitle(loaderData ? `Preview ${loaderData.stream.name}` : 'Preview')

export async function clientLoader({ params }: Route.ClientLoaderArgs) {
  // Start the engine now, so its download and compile overlap this request and the first render.
  startEngine()
  const streams = await api<List<Stream>>('/v1/streams')
  const stream = streams.data.find((s) => s.id === params.id)
  if (!stream) throw new ApiProblem(404, 'not_found', 'Not found', 'No such stream in this workspace.')
  return { stream }
}

/** A SQL-safe table name for the stream. */
const tableName = (stream: Stream) =>
  stream.name
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, '_')
    .replace(/^(\d)/, '_$1')

type Loading = {
  phase: 'engine' | 'download' | 'load' | 'ready' | 'failed'
  rows?: number
  /** The engine was already running (kept through a reload). */
  reused?: boolean
  timings: Record<string, number>
}

export default function PreviewPage() {
  const { stream } = useLoaderData<typeof clientLoader>()
  const table = tableName(stream)
  const [loading, setLoading] = useState<Loading>({ phase: 'engine', timings: {} })
  const [loadError, setLoadError] = useState<unknown>(null)
  const [sql, setSql] = useState(`SELECT * FROM ${table} LIMIT 100`)
  const [result, setResult] = useState<QueryResult | null>(null)
  const [queryError, setQueryError] = useState<string | null>(null)
  const [running, setRunning] = useState(false)

  const run = async (text = sql) => {
    setRunning(true)
    setQueryError(null)
    try {
      setResult(await runQuery(text))
    } catch (e) {
      // The grid under a failed query would otherwise still show the previous query's rows.
      setResult(null)
      setQueryError(e instanceof Error ? e.message : String(e))
    } finally {
      setRunning(false)
    }
  }

  // biome-ignore lint/correctness/useExhaustiveDependencies: load once per stream; `run` reads current state
  useEffect(() => {
    let cancelled = false
    const timings: Record<string, number> = {}
    const t0 = performance.now()
    let reused = false
    ;(async () => {
      const [, res] = await Promise.all([
        engine().then((started) => {
          timings.engine_ms = performance.now() - t0
          reused = started.reused
        }),
        apiResponse(`/v1/streams/${stream.id}/export`, { headers: { accept: 'application/vnd.apache.arrow.stream' } }),
      ])
      if (cancelled) return
      setLoading({ phase: 'download', timings })
      const bytes = new Uint8Array(await res.arrayBuffer())
      timings.download_ms = performance.now() - t0
      setLoading({ phase: 'load', timings })
      await loadArrow(table, bytes)
      timings.ready_ms = performance.now() - t0
      if (cancelled) return
      setLoading({ phase: 'ready', rows: Number(res.headers.get('x-aos-rows') ?? 0), reused, timings })
      await run(`SELECT * FROM ${table} LIMIT 100`)
    })().catch((e) => {
      if (cancelled) return
      setLoadError(e)
      setLoading({ phase: 'failed', timings })
    })
    return () => {
      cancelled = true
    }
  }, [stream.id])

  return (
    <>
      <PageHeader
        title={`Preview: ${stream.name}`}
        description={
          <>
            Stored records of this stream, queried with DuckDB in your browser.{' '}
            <Link to={`/drift?stream=${stream.id}`} className="text-blue-600 underline">
              Drift history
            </Link>
          </>
        }
      />
      <div className="space-y-4">
        <Widget id="preview.query" title="SQL">
          <div
            data-testid="preview-status"
            data-phase={loading.phase}
            data-engine-ms={loading.timings.engine_ms}
            data-download-ms={loading.timings.download_ms}
            data-ready-ms={loading.timings.ready_ms}
            data-engine-reused={loading.reused}
            className="mb-2 text-slate-500 text-xs"
          >
            {loading.phase === 'ready'
              ? `Table ${table}: ${loading.rows?.toLocaleString()} rows, ready in ${Math.round(loading.timings.ready_ms ?? 0)} ms (${loading.reused ? 'engine already running' : `engine ${Math.round(loading.timings.engine_ms ?? 0)} ms`}).`
              : loading.phase === 'failed'
                ? 'Could not load the preview.'
                : 'Starting DuckDB and loading the stream…'}
          </div>
          <ProblemNote error={loadError} />
          <Textarea
            aria-label="SQL query"
            data-testid="sql"
            rows={4}
            value={sql}
            onChange={(e) => setSql(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) void run()
            }}
          />
          <div className="mt-2 flex flex-wrap items-center gap-2">
            <Button
              onClick={() => void run()}
              busy={running}
              disabled={loading.phase !== 'ready'}
              data-testid="run-sql"
            >
              <Play className="size-4" aria-hidden /> Run (Ctrl+Enter)
            </Button>
            <Button
              variant="secondary"
              disabled={!result}
              onClick={() => result && download(`${table}.csv`, toCsv(result.columns, result.rows))}
            >
              <Download className="size-4" aria-hidden /> Download CSV
            </Button>
            {result && (
              <span className="text-slate-500 text-xs" data-testid="result-meta" data-ms={result.ms}>
                {result.rows.length.toLocaleString()} rows in {result.ms.toFixed(1)} ms
              </span>
            )}
          </div>
          {queryError && (
            <pre
              role="alert"
              data-testid="sql-error"
              className="mt-2 whitespace-pre-wrap rounded-lg border border-rose-300 bg-rose-50 p-3 text-rose-900 text-xs dark:border-rose-800 dark:bg-rose-950/60 dark:text-rose-100"
            >
              {queryError}
            </pre>
          )}
        </Widget>
        {result && (
          <Widget id="preview.results" title="Results">
            <DataGrid columns={result.columns} rows={result.rows} />
          </Widget>
        )}
      </div>
    </>
  )
}

export { PageError as ErrorBoundary } from '../components/page-error.tsx'
