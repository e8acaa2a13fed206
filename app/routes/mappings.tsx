import { useTable } from '@tanstack/react-table'
import { Check, History, Route as RouteIcon, Sparkles, X } from 'lucide-react'
import { useState } from 'react'
import { useLoaderData, useSearchParams } from 'react-router'
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts'
import { EVENT_ENTITIES } from '../../workers/contract/vocabulary/entities.ts'
import { MAPPING_STATUSES } from '../../workers/contract/vocabulary/mapping-registry.ts'
import { Badge, type Tone } from '../components/badge.tsx'
import { Button } from '../components/button.tsx'
import { ChartFrame } from '../components/chart-frame.tsx'
import { axis, COLORS, tooltip } from '../components/chart-theme.ts'
import { Confidence } from '../components/confidence.tsx'
import { columnHelper, DataTable, features } from '../components/data-table.tsx'
import { Dialog } from '../components/dialog.tsx'
import { Field, Select } from '../components/form.tsx'
import { PageHeader } from '../components/page-header.tsx'
import { ProblemNote } from '../components/problem-note.tsx'
import { Widget } from '../components/widget.tsx'
import { api } from '../lib/api.ts'
import { ago } from '../lib/format.ts'
import { useRevalidateOn } from '../lib/live-events.tsx'
import { pageTitle } from '../lib/nav.ts'
import type { List, MappingList, MappingSuggestions, MappingVersion, Stream } from '../lib/types.ts'
import { useAction } from '../lib/use-action.ts'
import type { Route } from './+types/mappings'

export const meta = () => pageTitle('Mappings')

export async function clientLoader({ request }: Route.ClientLoaderArgs) {
  const params = new URL(request.url).searchParams
  const query = new URLSearchParams({ limit: '200' })
  for (const key of ['status', 'entity', 'cursor']) {
    const value = params.get(key)
    if (value) query.set(key, value)
  }
  const historyOf = params.get('history')
  const [list, history, streams] = await Promise.all([
    api<MappingList>(`/v1/dcl/mappings?${query}`),
    historyOf
      ? api<List<MappingVersion>>(`/v1/dcl/mappings/${historyOf}/versions`).catch(() => null)
      : Promise.resolve(null),
    api<List<Stream>>('/v1/streams'),
  ])
  return { list, history, streams: streams.data }
}

const STATUS_TONE: Record<MappingVersion['status'], Tone> = {
  accepted: 'green',
  proposed: 'amber',
  rejected: 'red',
  deprecated: 'grey',
}

/** Mappings per canonical entity, stacked by status: where the registry is settled and where it waits. */
function StatusChart({ mappings }: { mappings: MappingVersion[] }) {
  const byEntity = new Map<string, Record<string, number>>()
  for (const m of mappings) {
    const row = byEntity.get(m.entity) ?? {}
    row[m.status] = (row[m.status] ?? 0) + 1
    byEntity.set(m.entity, row)
  }
  const rows = [...byEntity].map(([entity, counts]) => ({ entity, ...counts }))
  const fill: Record<string, string> = {
    accepted: COLORS.green,
    proposed: COLORS.amber,
    rejected: COLORS.red,
    deprecated: COLORS.grey,
  }
  return (
    <ChartFrame height={180}>
      <BarChart data={rows} maxBarSize={64}>
        <CartesianGrid strokeOpacity={0.15} vertical={false} />
        <XAxis dataKey="entity" {...axis} />
        <YAxis allowDecimals={false} width={30} {...axis} />
        <Tooltip {...tooltip} />
        <Legend />
        {MAPPING_STATUSES.map((s) => (
          <Bar key={s} isAnimationActive={false} dataKey={s} stackId="s" fill={fill[s]} />
        ))}
      </BarChart>
    </ChartFrame>
  )
}

const helper = columnHelper<MappingVersion>()
const HEAD = 'py-1 pr-3'
const CELL = 'py-2 pr-3 align-top'

function HistoryDialog({ versions, onClose }: { versions: MappingVersion[]; onClose: () => void }) {
  const first = versions[0]
  return (
    <Dialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={first ? `History of ${first.source_stream}.${first.source_path}` : 'History'}
    >
      <ol className="space-y-2 text-sm" data-testid="mapping-history">
        {versions.map((v) => (
          <li key={v.id} className="rounded border border-slate-200 p-2 dark:border-slate-700">
            <div className="flex flex-wrap items-center gap-2">
              <span className="font-semibold">v{v.version}</span>
              <Badge tone={STATUS_TONE[v.status]}>{v.status}</Badge>
              <span>
                → {v.entity}.{v.field}
              </span>
              <span className="text-slate-600 dark:text-slate-300">
                {v.provenance} by {v.created_by}, {ago(v.created_at)}
              </span>
            </div>
            {v.note && <p className="mt-1 text-slate-600 dark:text-slate-300">{v.note}</p>}
          </li>
        ))}
      </ol>
    </Dialog>
  )
}

/** Asks the matcher (and, where it is unsure, the LLM) for a stream's mappings; they land in the list as proposed. */
function SuggestWidget({ streams }: { streams: readonly Stream[] }) {
  const [streamId, setStreamId] = useState(streams[0]?.id ?? '')
  const [entity, setEntity] = useState('')
  const [outcome, setOutcome] = useState<MappingSuggestions | null>(null)
  const suggest = useAction(async () => {
    const body = { stream_id: streamId, ...(entity ? { entity } : {}) }
    setOutcome(await api<MappingSuggestions>('/v1/dcl/mappings/suggest', { method: 'POST', body }))
  })
  if (streams.length === 0) return null
  return (
    <Widget
      id="mappings.suggest"
      title="Suggest mappings"
      actions={
        <div className="flex flex-wrap gap-2">
          <Select aria-label="Stream" value={streamId} onChange={(e) => setStreamId(e.target.value)}>
            {streams.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </Select>
          <Select aria-label="Entity" value={entity} onChange={(e) => setEntity(e.target.value)}>
            <option value="">Best-matching entity</option>
            {EVENT_ENTITIES.map((e) => (
              <option key={e}>{e}</option>
            ))}
          </Select>
          <Button busy={suggest.busy} disabled={!streamId} onClick={() => void suggest.run()}>
            <Sparkles className="size-4" aria-hidden /> Suggest
          </Button>
        </div>
      }
    >
      <ProblemNote error={suggest.error} />
      {outcome && (
        <div className="grid gap-2 text-sm" data-testid="mapping-suggestions">
          <p>
            {outcome.suggestions.length} proposed as <strong>{outcome.entity}</strong> (listed below to accept or
            reject), {outcome.already_stated.length} already stated, {outcome.llm_questions} asked of the LLM.
          </p>
          {outcome.suggestions.map((s) => (
            <div key={s.id}>
              <span className="font-mono text-xs">
                {s.source_path} → {s.entity}.{s.field}
              </span>{' '}
              <Confidence value={s.confidence} />
              <span className="ml-2 text-slate-600 text-xs dark:text-slate-300">{s.evidence.join('; ')}</span>
            </div>
          ))}
          {outcome.missing_required.length > 0 && (
            <p>
              Still unmapped, required: <strong>{outcome.missing_required.join(', ')}</strong>. Until they are, this
              stream reaches the DCL as generic records.
            </p>
          )}
          {outcome.unmatched.length > 0 && (
            <ul className="list-disc pl-4 text-slate-600 text-xs dark:text-slate-300">
              {outcome.unmatched.map((u) => (
                <li key={u.source_path}>
                  {u.source_path}: {u.reason}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </Widget>
  )
}

export default function MappingsPage() {
  const { list, history, streams } = useLoaderData<typeof clientLoader>()
  const [params, setParams] = useSearchParams()
  const [selected, setSelected] = useState<Set<string>>(new Set())
  useRevalidateOn(['aos.mapping.changed'])
  const decide = useAction(async (action: 'accept' | 'reject', ids: string[]) => {
    // One call per mapping: each decision is checked against that mapping's newest version.
    const results = await Promise.allSettled(
      ids.map((id) => api(`/v1/dcl/mappings/${id}/${action}`, { method: 'POST' })),
    )
    setSelected(new Set())
    const failed = results.find((r) => r.status === 'rejected')
    if (failed) throw failed.reason
  })
  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params)
    if (value) next.set(key, value)
    else next.delete(key)
    if (key !== 'history') next.delete('cursor')
    setParams(next)
  }
  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current)
      if (next.has(id)) next.delete(id)
      else next.add(id)
      return next
    })

  const columns = helper.columns([
    helper.display({
      id: 'select',
      header: () => <span className="sr-only">Select</span>,
      meta: { headerClassName: HEAD, cellClassName: CELL },
      cell: ({ row }) => (
        <input
          type="checkbox"
          aria-label={`Select ${row.original.source_stream}.${row.original.source_path}`}
          checked={selected.has(row.original.id)}
          onChange={() => toggle(row.original.id)}
        />
      ),
    }),
    helper.display({
      id: 'source',
      header: 'Source field',
      meta: { headerClassName: HEAD, cellClassName: CELL },
      cell: ({ row }) => (
        <span className="font-mono text-xs">
          {row.original.source_system}/{row.original.source_stream}/<strong>{row.original.source_path}</strong>
        </span>
      ),
    }),
    helper.display({
      id: 'target',
      header: 'Canonical field',
      meta: { headerClassName: HEAD, cellClassName: CELL },
      cell: ({ row }) => (
        <span className="font-mono text-xs">
          {row.original.entity}.<strong>{row.original.field}</strong>
          {row.original.transform !== 'none' && (
            <span className="ml-1 text-slate-600 dark:text-slate-300">({row.original.transform})</span>
          )}
        </span>
      ),
    }),
    helper.accessor('confidence', {
      header: 'Confidence',
      meta: { headerClassName: HEAD, cellClassName: CELL },
      cell: ({ getValue }) => <Confidence value={getValue()} />,
    }),
    helper.accessor('status', {
      header: 'Status',
      meta: { headerClassName: HEAD, cellClassName: CELL },
      cell: ({ getValue }) => <Badge tone={STATUS_TONE[getValue()]}>{getValue()}</Badge>,
    }),
    helper.display({
      id: 'why',
      header: 'Evidence',
      meta: { headerClassName: HEAD, cellClassName: `${CELL} max-w-80 text-xs` },
      cell: ({ row }) =>
        row.original.evidence.length > 0 ? (
          <ul className="list-disc pl-4">
            {row.original.evidence.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        ) : (
          <span className="text-slate-600 dark:text-slate-300">
            {row.original.provenance}
            {row.original.note ? `: ${row.original.note}` : ''}
          </span>
        ),
    }),
    helper.display({
      id: 'history',
      header: () => <span className="sr-only">History</span>,
      meta: { headerClassName: HEAD, cellClassName: CELL },
      cell: ({ row }) => (
        <Button variant="secondary" onClick={() => set('history', row.original.id)}>
          <History className="size-4" aria-hidden /> v{row.original.version}
        </Button>
      ),
    }),
  ])
  const table = useTable({ features, columns, data: list.data, getRowId: (m) => m.id, enableSorting: false })
  const ids = [...selected]

  return (
    <>
      <PageHeader
        title="Mappings"
        description="Which source field fills which canonical field. Every change is a new version: accept, reject or revert, and see who decided what."
      />
      <SuggestWidget streams={streams} />
      {list.data.length === 0 && !params.get('status') && !params.get('entity') ? (
        <Widget id="mappings.empty" title="Mapping registry">
          <div className="py-8 text-center text-slate-600 dark:text-slate-300">
            <RouteIcon className="mx-auto mb-2 size-8" aria-hidden />
            No mappings yet. Load a CSV with <code>npm run ingest:mappings</code> or state one with{' '}
            <code>POST /v1/dcl/mappings</code>.
          </div>
        </Widget>
      ) : (
        <div className="grid min-w-0 gap-4">
          <Widget id="mappings.chart" title="Mappings by entity and status">
            <StatusChart mappings={list.data} />
          </Widget>
          <Widget
            id="mappings.list"
            title="Mappings"
            actions={
              <div className="flex flex-wrap gap-2">
                <Field label="">
                  <Select
                    aria-label="Status"
                    value={params.get('status') ?? ''}
                    onChange={(e) => set('status', e.target.value || null)}
                  >
                    <option value="">All statuses</option>
                    {MAPPING_STATUSES.map((s) => (
                      <option key={s}>{s}</option>
                    ))}
                  </Select>
                </Field>
                <Button disabled={ids.length === 0} busy={decide.busy} onClick={() => void decide.run('accept', ids)}>
                  <Check className="size-4" aria-hidden /> Accept {ids.length || ''}
                </Button>
                <Button
                  variant="danger"
                  disabled={ids.length === 0}
                  busy={decide.busy}
                  onClick={() => void decide.run('reject', ids)}
                >
                  <X className="size-4" aria-hidden /> Reject {ids.length || ''}
                </Button>
              </div>
            }
          >
            <ProblemNote error={decide.error} />
            {list.data.length === 0 ? (
              <p className="py-6 text-center text-slate-600 dark:text-slate-300">No mappings match this filter.</p>
            ) : (
              <div className="overflow-x-auto">
                <DataTable
                  table={table}
                  testId="mappings"
                  headClassName="text-slate-600 text-xs uppercase dark:text-slate-300"
                  bodyClassName="divide-y divide-slate-100 dark:divide-slate-800"
                />
              </div>
            )}
            {list.next_cursor && (
              <div className="mt-3">
                <Button variant="secondary" onClick={() => set('cursor', list.next_cursor)}>
                  Older
                </Button>
              </div>
            )}
          </Widget>
        </div>
      )}
      {history && <HistoryDialog versions={history.data} onClose={() => set('history', null)} />}
    </>
  )
}

export { PageError as ErrorBoundary } from '../components/page-error.tsx'
