// The Unified Entities page's merged view: one row per real-world entity, each value with a badge
// naming the source it came from, paged by cursor, searchable, and previewed with DuckDB from the
// view's Arrow export.
import { useEffect, useState } from 'react'
import { CANONICAL_ENTITIES } from '../../workers/contract/vocabulary/entities.ts'
import { api, apiResponse } from '../lib/api.ts'
import { loadArrow, type QueryResult, runQuery } from '../lib/duckdb.ts'
import { ago } from '../lib/format.ts'
import type { ViewList, ViewRowPage } from '../lib/types.ts'
import { Badge, type Tone } from './badge.tsx'
import { Button } from './button.tsx'
import { Field, Input, Select } from './form.tsx'
import { ProblemNote } from './problem-note.tsx'
import { Widget } from './widget.tsx'

const SOURCE_TONES: Tone[] = ['blue', 'green', 'amber', 'purple', 'red']

/** `/connections/<id>/<stream>` → `<stream>`: short enough for a badge; the title holds the whole source. */
const shortSource = (source: string) => source.split('/').filter(Boolean).pop() ?? source

type Row = ViewRowPage['data'][number]

function RowCard({ row, toneOf }: { row: Row; toneOf: (source: string) => Tone }) {
  const fields = Object.entries(row.data)
  return (
    <tr className="border-slate-100 border-t align-top dark:border-slate-800" data-unified-id={row.unified_id}>
      <td className="py-1.5 pr-3">
        <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-0.5 text-sm">
          {fields.map(([field, value]) => {
            const from = row.lineage[field]
            return (
              <div key={field} className="contents">
                <dt className="text-slate-500 text-xs">{field}</dt>
                <dd className="flex flex-wrap items-center gap-1.5">
                  <span>{typeof value === 'object' ? JSON.stringify(value) : String(value)}</span>
                  {from && (
                    <span title={`${from.source} · ${from.external_id}`} data-testid="lineage">
                      <Badge tone={toneOf(from.source)}>{shortSource(from.source)}</Badge>
                    </span>
                  )}
                </dd>
              </div>
            )
          })}
        </dl>
      </td>
      <td className="py-1.5 text-xs">
        {row.members.map((m) => (
          <div key={`${m.source}:${m.external_id}`} title={m.source}>
            <Badge tone={toneOf(m.source)}>{shortSource(m.source)}</Badge>{' '}
            <span className="font-mono">{m.external_id}</span>
          </div>
        ))}
      </td>
      <td className="py-1.5 text-slate-500 text-xs">{ago(row.updated_at)}</td>
    </tr>
  )
}

function DuckDbPreview({ entity }: { entity: string }) {
  const [result, setResult] = useState<QueryResult | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const table = `unified_${entity}`
  const load = async () => {
    setBusy(true)
    setError(null)
    try {
      const res = await apiResponse(`/v1/dcl/views/${entity}/arrow`, {
        headers: { accept: 'application/vnd.apache.arrow.stream' },
      })
      await loadArrow(table, new Uint8Array(await res.arrayBuffer()))
      setResult(
        await runQuery(
          `SELECT sources, count(*) AS rows, sum(members) AS records FROM ${table} GROUP BY sources ORDER BY rows DESC`,
        ),
      )
    } catch (e) {
      setResult(null)
      setError(e)
    } finally {
      setBusy(false)
    }
  }
  return (
    <div className="mt-3" data-testid="view-duckdb">
      <Button variant="secondary" busy={busy} onClick={() => void load()}>
        Preview in DuckDB
      </Button>
      <ProblemNote error={error} />
      {result && (
        <div className="mt-2 overflow-x-auto text-xs">
          <p className="text-slate-500">
            Table <code>{table}</code> in your browser; rows per combination of sources ({Math.round(result.ms)} ms).
          </p>
          <table className="mt-1">
            <thead>
              <tr>
                {result.columns.map((c) => (
                  <th key={c} className="pr-4 text-left text-slate-500 uppercase">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {result.rows.map((r, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: query result rows have no identity
                <tr key={i}>
                  {r.map((v, j) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: columns by position
                    <td key={j} className="pr-4">
                      {String(v)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  )
}

export function UnifiedView({ views, version }: { views: ViewList['data']; version: unknown }) {
  const [entity, setEntity] = useState<string>('account')
  const [q, setQ] = useState('')
  const [cursors, setCursors] = useState<(string | null)[]>([null])
  const [page, setPage] = useState<ViewRowPage | null>(null)
  const [error, setError] = useState<unknown>(null)
  const cursor = cursors[cursors.length - 1] ?? null

  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` changes when the loader revalidates (live events)
  useEffect(() => {
    let cancelled = false
    const query = new URLSearchParams({ limit: '20', ...(q ? { q } : {}), ...(cursor ? { cursor } : {}) })
    api<ViewRowPage>(`/v1/dcl/views/${entity}/rows?${query}`)
      .then((p) => {
        if (cancelled) return
        setPage(p)
        setError(null)
      })
      .catch((e) => {
        if (!cancelled) setError(e)
      })
    return () => {
      cancelled = true
    }
  }, [entity, q, cursor, version])

  const sources = [...new Set(page?.data.flatMap((r) => r.sources) ?? [])].sort()
  const toneOf = (source: string) => SOURCE_TONES[sources.indexOf(source) % SOURCE_TONES.length] ?? 'grey'
  const summary = views.find((v) => v.entity === entity)
  const restart = () => setCursors([null])

  return (
    <Widget
      id="entities.unified"
      title="Unified view"
      className="mt-4"
      actions={
        <div className="flex items-end gap-2">
          <Field label="Search">
            <Input
              aria-label="Search the unified view"
              placeholder="name or email"
              value={q}
              onChange={(e) => {
                setQ(e.target.value)
                restart()
              }}
            />
          </Field>
          <Field label="View">
            <Select
              aria-label="Unified view"
              value={entity}
              onChange={(e) => {
                setEntity(e.target.value)
                restart()
              }}
            >
              {CANONICAL_ENTITIES.map((e) => (
                <option key={e} value={e}>
                  {e}
                </option>
              ))}
            </Select>
          </Field>
        </div>
      }
    >
      <p className="mb-2 text-slate-500 text-sm" data-testid="view-summary">
        {page ? `${page.total.toLocaleString()} ${entity} rows` : 'Loading…'}
        {summary && summary.members > 0
          ? ` merged from ${summary.members.toLocaleString()} source records in ${summary.sources} sources; refreshed ${summary.refreshed_at ? ago(summary.refreshed_at) : 'never'}.`
          : '.'}
      </p>
      <ProblemNote error={error} />
      {page && page.data.length > 0 && (
        <div className="overflow-x-auto">
          <table className="w-full" data-testid="unified-rows">
            <thead className="text-left text-slate-500 text-xs uppercase">
              <tr>
                <th>Values (badge: the source each came from)</th>
                <th>Source records</th>
                <th>Changed</th>
              </tr>
            </thead>
            <tbody>
              {page.data.map((row) => (
                <RowCard key={row.unified_id} row={row} toneOf={toneOf} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="mt-2 flex gap-2">
        <Button variant="secondary" disabled={cursors.length < 2} onClick={() => setCursors(cursors.slice(0, -1))}>
          Previous
        </Button>
        <Button
          variant="secondary"
          disabled={!page?.next_cursor}
          onClick={() => page?.next_cursor && setCursors([...cursors, page.next_cursor])}
        >
          Next
        </Button>
      </div>
      <DuckDbPreview key={entity} entity={entity} />
    </Widget>
  )
}
