import { useTable } from '@tanstack/react-table'
import { BrainCircuit } from 'lucide-react'
import { useLoaderData, useSearchParams } from 'react-router'
import { Area, AreaChart, Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts'
import { Badge } from '../components/badge.tsx'
import { ChartFrame } from '../components/chart-frame.tsx'
import { axis, COLORS, tooltip } from '../components/chart-theme.ts'
import { columnHelper, DataTable, features } from '../components/data-table.tsx'
import { Field, Select } from '../components/form.tsx'
import { PageHeader } from '../components/page-header.tsx'
import { ProblemNote } from '../components/problem-note.tsx'
import { Stat } from '../components/stat.tsx'
import { Widget } from '../components/widget.tsx'
import { ApiProblem, api } from '../lib/api.ts'
import { pageTitle } from '../lib/nav.ts'
import type { LlmMetrics, LlmTelemetry } from '../lib/types.ts'
import type { Route } from './+types/llm-usage'

export const meta = () => pageTitle('LLM Usage')

const WINDOWS = { '24h': 'Last 24 hours', '7d': 'Last 7 days' } as const
const GROUPS = { feature: 'Feature', model: 'Model' } as const
type Window = keyof typeof WINDOWS
type Group = keyof typeof GROUPS
/** The page's two choices, kept in the URL. */
const CHOICES = [
  { param: 'window', label: 'Window', options: WINDOWS, fallback: '24h' },
  { param: 'group_by', label: 'Group by', options: GROUPS, fallback: 'feature' },
] as const

export async function clientLoader({ request }: Route.ClientLoaderArgs) {
  const params = new URL(request.url).searchParams
  const window: Window = params.get('window') === '7d' ? '7d' : '24h'
  const groupBy: Group = params.get('group_by') === 'model' ? 'model' : 'feature'
  try {
    return { telemetry: await api<LlmTelemetry>(`/v1/telemetry/llm?window=${window}&group_by=${groupBy}`), down: null }
  } catch (error) {
    // Redis down: the API says why there is nothing to show; the page stays, with its words.
    if (error instanceof ApiProblem && error.status === 503) return { telemetry: null, down: error }
    throw error
  }
}

/** Series colours in order; the groups beyond them are summed as "other". */
const PALETTE = [COLORS.blue, COLORS.purple, COLORS.green, COLORS.amber, COLORS.red]
const OTHER = 'other'
const TOKEN_AREAS = [
  { key: 'prompt_tokens', name: 'in (prompt)', color: COLORS.purple },
  { key: 'completion_tokens', name: 'out (answer)', color: COLORS.blue },
] as const

const usd = (value: number) =>
  value === 0 ? '$0' : value < 0.01 ? `$${value.toPrecision(2)}` : `$${value.toFixed(value < 10 ? 2 : 0)}`
const ms = (value: number | null) =>
  value === null ? '—' : value < 1000 ? `${Math.round(value)} ms` : `${(value / 1000).toFixed(1)} s`
const compact = (value: number) => new Intl.NumberFormat(undefined, { notation: 'compact' }).format(value)

/** Hour labels in the viewer's time zone: the hour for a day's window, the day and hour for a week's. */
const hourLabel = (window: Window) => (iso: string) => {
  const date = new Date(iso)
  const hour = `${String(date.getHours()).padStart(2, '0')}:00`
  return window === '24h' ? hour : `${date.getMonth() + 1}/${date.getDate()} ${hour}`
}

/** One row per hour with a number per shown group (the top PALETTE.length by calls, the rest as "other"). */
function perGroup(telemetry: LlmTelemetry, pick: (slice: LlmTelemetry['series'][number]['groups'][number]) => number) {
  const shown = telemetry.groups.slice(0, PALETTE.length).map((g) => g.key)
  const rest = telemetry.groups.length > shown.length
  const rows = telemetry.series.map((point) => {
    const row: Record<string, number | string> = { hour: point.hour }
    for (const key of shown) row[key] = 0
    if (rest) row[OTHER] = 0
    for (const slice of point.groups) {
      const key = shown.includes(slice.key) ? slice.key : OTHER
      row[key] = (row[key] as number) + pick(slice)
    }
    return row
  })
  return { rows, keys: rest ? [...shown, OTHER] : shown }
}

/** A value per hour stacked by group (perGroup's rows), e.g. calls or cost. */
function HourlyBars({
  window,
  stacked,
  format,
}: {
  window: Window
  stacked: ReturnType<typeof perGroup>
  format?: (value: number) => string
}) {
  const label = hourLabel(window)
  return (
    <ChartFrame>
      <BarChart data={stacked.rows}>
        <CartesianGrid strokeOpacity={0.15} vertical={false} />
        <XAxis dataKey="hour" tickFormatter={label} minTickGap={24} {...axis} />
        <YAxis allowDecimals={format !== undefined} width={56} tickFormatter={format} {...axis} />
        <Tooltip
          {...tooltip}
          labelFormatter={(v) => label(String(v))}
          {...(format ? { formatter: (v: unknown) => format(Number(v)) } : {})}
        />
        <Legend />
        {stacked.keys.map((key, i) => (
          <Bar key={key} isAnimationActive={false} dataKey={key} stackId="hour" fill={PALETTE[i] ?? COLORS.grey} />
        ))}
      </BarChart>
    </ChartFrame>
  )
}

type GroupRow = { key: string; metrics: LlmMetrics }
const helper = columnHelper<GroupRow>()
const HEAD = 'py-1 pr-3'
const CELL = 'py-2 pr-3'
const groupColumns = (group: Group) =>
  helper.columns([
    helper.accessor('key', {
      header: GROUPS[group],
      meta: { headerClassName: HEAD, cellClassName: `${CELL} font-mono text-xs` },
      cell: ({ row: { original } }) => (
        <>
          {original.key}{' '}
          {group === 'model' && original.metrics.unpriced_calls > 0 && <Badge tone="amber">no price</Badge>}
        </>
      ),
    }),
    helper.accessor((r) => r.metrics.calls, {
      id: 'calls',
      header: 'Calls',
      meta: { headerClassName: HEAD, cellClassName: CELL },
    }),
    helper.accessor((r) => r.metrics.errors, {
      id: 'errors',
      header: 'Errors',
      meta: { headerClassName: HEAD, cellClassName: CELL },
      cell: ({ row: { original } }) =>
        original.metrics.errors === 0
          ? '0'
          : original.metrics.errors_by_code.map((e) => (
              <Badge key={e.code} tone="red">
                {e.code} × {e.count}
              </Badge>
            )),
    }),
    helper.accessor((r) => r.metrics.total_tokens, {
      id: 'tokens',
      header: 'Tokens (in / out)',
      meta: { headerClassName: HEAD, cellClassName: CELL },
      cell: ({ row: { original } }) =>
        `${compact(original.metrics.prompt_tokens)} / ${compact(original.metrics.completion_tokens)}`,
    }),
    helper.accessor((r) => r.metrics.cost_usd, {
      id: 'cost',
      header: 'Est. cost',
      meta: { headerClassName: HEAD, cellClassName: CELL },
      cell: ({ getValue }) => usd(getValue()),
    }),
    helper.accessor((r) => r.metrics.latency_ms.p95 ?? 0, {
      id: 'latency',
      header: 'Latency (mean / p95)',
      meta: { headerClassName: HEAD, cellClassName: CELL },
      cell: ({ row: { original } }) =>
        `${ms(original.metrics.latency_ms.mean)} / ${ms(original.metrics.latency_ms.p95)}`,
    }),
    helper.accessor((r) => r.metrics.first_token_ms.p95 ?? 0, {
      id: 'first-token',
      header: 'First token (mean / p95)',
      meta: { headerClassName: 'py-1', cellClassName: 'py-2' },
      // Only streamed answers have a first token; a dash says none was streamed, not that it was instant.
      cell: ({ row: { original } }) =>
        `${ms(original.metrics.first_token_ms.mean)} / ${ms(original.metrics.first_token_ms.p95)}`,
    }),
  ])

function GroupTable({ telemetry }: { telemetry: LlmTelemetry }) {
  const table = useTable({
    features,
    columns: groupColumns(telemetry.group_by),
    data: telemetry.groups,
    getRowId: (row) => row.key,
  })
  return (
    <div className="overflow-x-auto">
      <DataTable
        table={table}
        testId="llm-groups"
        headClassName="text-slate-500 text-xs uppercase"
        bodyClassName="divide-y divide-slate-100 dark:divide-slate-800"
      />
    </div>
  )
}

/** What answers, and what it may spend: the console's only way to know whether a model is asked at all. */
function ProviderNote({ telemetry }: { telemetry: LlmTelemetry }) {
  const { provider, budget } = telemetry
  if (provider.name === 'offline')
    return (
      <p className="text-slate-600 text-sm dark:text-slate-400">
        <Badge tone="grey">offline provider</Badge> Answers come from fixed rules and n-gram embeddings: no model is
        asked, no text leaves the platform and nothing is spent.
      </p>
    )
  const share = budget.limit_tokens === 0 ? 0 : budget.used_tokens / budget.limit_tokens
  return (
    <p className="text-slate-600 text-sm dark:text-slate-400">
      <Badge tone="blue">{provider.chat_model}</Badge> <Badge tone="blue">{provider.embedding_model}</Badge> Budget:{' '}
      {budget.used_tokens.toLocaleString()} of {budget.limit_tokens.toLocaleString()} tokens this {budget.period} (
      {Math.round(share * 100)}%), resets {new Date(budget.resets_at).toLocaleString()}.
    </p>
  )
}

function Empty({ telemetry }: { telemetry: LlmTelemetry }) {
  const since = telemetry.cumulative.calls
  return (
    <div className="py-10 text-center text-slate-500" data-testid="llm-empty">
      <BrainCircuit className="mx-auto mb-2 size-8" aria-hidden />
      {since > 0
        ? `No LLM calls in the ${WINDOWS[telemetry.window].toLowerCase()} (${since.toLocaleString()} since the first).`
        : telemetry.provider.name === 'offline'
          ? 'No LLM calls yet — the offline provider is in use.'
          : `No LLM calls yet. Features that ask ${telemetry.provider.chat_model} will show here.`}
    </div>
  )
}

function Usage({ telemetry }: { telemetry: LlmTelemetry }) {
  const { totals } = telemetry
  const label = hourLabel(telemetry.window)
  const byGroup = GROUPS[telemetry.group_by].toLowerCase()
  return (
    <div className="grid gap-4 lg:grid-cols-3">
      <Widget id="llm.totals" title={`Totals, ${WINDOWS[telemetry.window].toLowerCase()}`} className="lg:col-span-3">
        <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
          <Stat label="Calls" value={totals.calls} tone="text-blue-600 dark:text-blue-400" />
          <Stat label="Tokens" value={compact(totals.total_tokens)} tone="text-violet-600 dark:text-violet-400" />
          <Stat label="Estimated cost" value={usd(totals.cost_usd)} tone="text-emerald-600 dark:text-emerald-400" />
          <Stat label="Latency p95" value={ms(totals.latency_ms.p95)} tone="text-slate-700 dark:text-slate-200" />
          <Stat
            label="First token p95"
            value={ms(totals.first_token_ms.p95)}
            tone="text-slate-700 dark:text-slate-200"
          />
          <Stat label="Errors" value={totals.errors} tone="text-rose-600 dark:text-rose-400" />
        </div>
        {totals.attempts !== totals.calls && (
          <p className="mt-3 text-slate-600 text-sm dark:text-slate-400">
            {totals.attempts.toLocaleString()} requests reached the provider for {totals.calls.toLocaleString()} calls
            (retries after 429 and 5xx count as requests; calls refused before sending, such as over budget, send none).
          </p>
        )}
        {totals.unpriced_calls > 0 && (
          <p className="mt-3 text-amber-700 text-sm dark:text-amber-300">
            The cost leaves out {totals.unpriced_calls.toLocaleString()} calls to models without a price (prices as of{' '}
            {telemetry.prices_as_of}).
          </p>
        )}
      </Widget>
      <Widget id="llm.calls" title={`Calls per hour, by ${byGroup}`}>
        <HourlyBars window={telemetry.window} stacked={perGroup(telemetry, (g) => g.calls)} />
      </Widget>
      <Widget id="llm.tokens" title="Tokens per hour">
        <ChartFrame>
          <AreaChart data={telemetry.series}>
            <CartesianGrid strokeOpacity={0.15} vertical={false} />
            <XAxis dataKey="hour" tickFormatter={label} minTickGap={24} {...axis} />
            <YAxis width={48} tickFormatter={compact} {...axis} />
            <Tooltip {...tooltip} labelFormatter={(v) => label(String(v))} />
            <Legend />
            {TOKEN_AREAS.map(({ key, name, color }) => (
              <Area
                key={key}
                isAnimationActive={false}
                dataKey={key}
                name={name}
                stackId="t"
                stroke={color}
                fill={color}
                fillOpacity={0.4}
              />
            ))}
          </AreaChart>
        </ChartFrame>
      </Widget>
      <Widget id="llm.cost" title="Estimated cost per hour">
        <HourlyBars window={telemetry.window} stacked={perGroup(telemetry, (g) => g.cost_usd)} format={usd} />
      </Widget>
      <Widget id="llm.groups" title={`By ${byGroup}`} className="lg:col-span-3">
        <GroupTable telemetry={telemetry} />
      </Widget>
    </div>
  )
}

export default function LlmUsagePage() {
  const { telemetry, down } = useLoaderData<typeof clientLoader>()
  const [params, setParams] = useSearchParams()
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params)
    next.set(key, value)
    setParams(next)
  }
  return (
    <>
      <PageHeader
        title="LLM Usage"
        description="Every language-model call the platform made for this workspace, answered or failed: calls, tokens, latency and estimated cost, by feature or model."
        actions={CHOICES.map(({ param, label, options, fallback }) => (
          <Field key={param} label={label}>
            <Select value={params.get(param) ?? fallback} onChange={(e) => set(param, e.target.value)}>
              {Object.entries(options).map(([value, text]) => (
                <option key={value} value={value}>
                  {text}
                </option>
              ))}
            </Select>
          </Field>
        ))}
      />
      {telemetry === null ? (
        <ProblemNote error={down} />
      ) : (
        <>
          <div className="mb-4">
            <ProviderNote telemetry={telemetry} />
          </div>
          {telemetry.totals.calls === 0 ? (
            <Widget id="llm.empty" title="LLM calls">
              <Empty telemetry={telemetry} />
            </Widget>
          ) : (
            <Usage telemetry={telemetry} />
          )}
        </>
      )}
    </>
  )
}

export { PageError as ErrorBoundary } from '../components/page-error.tsx'
