import { useTable } from '@tanstack/react-table'
import { RotateCcw, XCircle } from 'lucide-react'
import { useMemo, useState } from 'react'
import { useLoaderData, useSearchParams } from 'react-router'
import { JOB_KINDS, JOB_STATUSES } from '../../workers/contract/vocabulary/jobs.ts'
import { StatusBadge } from '../components/badge.tsx'
import { Button } from '../components/button.tsx'
import { columnHelper, DataTable, features } from '../components/data-table.tsx'
import { Dialog } from '../components/dialog.tsx'
import { Field, Select } from '../components/form.tsx'
import { PageHeader } from '../components/page-header.tsx'
import { ProblemNote } from '../components/problem-note.tsx'
import { isRowCounts, RowCountsLine } from '../components/row-counts.tsx'
import { Widget } from '../components/widget.tsx'
import { api } from '../lib/api.ts'
import { ago } from '../lib/format.ts'
import { useRevalidateOn } from '../lib/live-events.tsx'
import { pageTitle } from '../lib/nav.ts'
import type { Connection, Job, JobList, List } from '../lib/types.ts'
import { useAction } from '../lib/use-action.ts'
import type { Route } from './+types/jobs'

export const meta = () => pageTitle('Jobs')

export async function clientLoader({ request }: Route.ClientLoaderArgs) {
  const params = new URL(request.url).searchParams
  const query = new URLSearchParams({ limit: '50' })
  for (const key of ['status', 'kind', 'cursor']) {
    const value = params.get(key)
    if (value) query.set(key, value)
  }
  const jobId = params.get('job')
  const [list, selected, connections] = await Promise.all([
    api<JobList>(`/v1/jobs?${query}`),
    jobId ? api<Job>(`/v1/jobs/${jobId}`).catch(() => null) : Promise.resolve(null),
    api<List<Connection>>('/v1/connections'),
  ])
  return { list, selected, names: Object.fromEntries(connections.data.map((c) => [c.id, c.name])) }
}

/** A job as a person reads it: what it worked on by name, how long it took and what it did with rows. */
type JobRow = Job & { connection: string | null }
const withConnection = (job: Job, names: Record<string, string>): JobRow => {
  const id = job.payload.connection_id
  return { ...job, connection: typeof id === 'string' ? (names[id] ?? 'deleted connection') : null }
}

/** "1.2 s", "3 min 4 s"; null until the job has both started and finished. */
function duration(job: Pick<Job, 'started_at' | 'finished_at'>): string | null {
  if (!job.started_at || !job.finished_at) return null
  const ms = new Date(job.finished_at).getTime() - new Date(job.started_at).getTime()
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`
}

const helper = columnHelper<JobRow>()
const CELL = 'py-2 pr-3'
const columns = helper.columns([
  helper.accessor('id', {
    header: 'Job',
    meta: { headerClassName: 'py-1 pr-3', cellClassName: `${CELL} font-mono text-xs` },
    // The row's click handler opens the job; the button makes it reachable by keyboard.
    cell: ({ getValue }) => (
      <button type="button" className="underline">
        {getValue().slice(0, 8)}
      </button>
    ),
  }),
  helper.accessor('kind', { header: 'Kind', meta: { headerClassName: 'py-1 pr-3', cellClassName: CELL } }),
  helper.accessor('connection', {
    header: 'Connection',
    meta: { headerClassName: 'py-1 pr-3', cellClassName: `${CELL} max-w-48 truncate` },
    cell: ({ getValue }) => getValue() ?? '—',
  }),
  helper.accessor('status', {
    header: 'Status',
    meta: { headerClassName: 'py-1 pr-3', cellClassName: CELL },
    cell: ({ getValue }) => <StatusBadge status={getValue()} />,
  }),
  helper.display({
    id: 'attempts',
    header: 'Attempts',
    meta: { headerClassName: 'py-1 pr-3', cellClassName: CELL },
    cell: ({ row }) => `${row.original.attempts}/${row.original.max_attempts}`,
  }),
  helper.display({
    id: 'duration',
    header: 'Duration',
    meta: { headerClassName: 'py-1 pr-3', cellClassName: `${CELL} whitespace-nowrap` },
    cell: ({ row }) => duration(row.original) ?? '—',
  }),
  helper.display({
    id: 'rows',
    header: 'Rows',
    meta: { headerClassName: 'py-1 pr-3', cellClassName: `${CELL} text-xs` },
    cell: ({ row }) => (isRowCounts(row.original.result) ? <RowCountsLine counts={row.original.result} /> : '—'),
  }),
  helper.accessor('created_at', {
    header: 'Created',
    meta: { headerClassName: 'py-1 pr-3', cellClassName: `${CELL} text-slate-500` },
    cell: ({ getValue }) => ago(getValue()),
  }),
  helper.accessor('last_error', {
    header: 'Error',
    meta: { headerClassName: 'py-1', cellClassName: 'max-w-72 truncate py-2 text-rose-700 text-xs dark:text-rose-300' },
  }),
])

const jobKey = (job: JobRow) => job.id

function JobDetail({ job, onClose }: { job: JobRow; onClose: () => void }) {
  const retry = useAction(() => api(`/v1/jobs/${job.id}/retry`, { method: 'POST' }))
  const cancel = useAction(() => api(`/v1/jobs/${job.id}/cancel`, { method: 'POST' }))
  const rows: [string, React.ReactNode][] = [
    ['Status', <StatusBadge key="s" status={job.status} />],
    ['Kind', job.kind],
    ...(job.connection ? [['Connection', job.connection] as [string, React.ReactNode]] : []),
    ['Attempts', `${job.attempts} of ${job.max_attempts}`],
    ['Created', new Date(job.created_at).toLocaleString()],
    ['Started', job.started_at ? new Date(job.started_at).toLocaleString() : '—'],
    ['Finished', job.finished_at ? new Date(job.finished_at).toLocaleString() : '—'],
    ['Duration', duration(job) ?? '—'],
    ...(isRowCounts(job.result)
      ? [['Rows', <RowCountsLine key="r" counts={job.result} />] as [string, React.ReactNode]]
      : []),
  ]
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()} title={`Job ${job.id.slice(0, 8)}`}>
      <dl className="grid grid-cols-[7rem_1fr] gap-1 text-sm">
        {rows.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-slate-500">{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      {job.last_error && (
        <div className="mt-3">
          <h3 className="font-semibold text-sm">Last error</h3>
          <pre className="overflow-x-auto whitespace-pre-wrap rounded bg-rose-50 p-2 text-rose-900 text-xs dark:bg-rose-950 dark:text-rose-100">
            {job.last_error}
          </pre>
        </div>
      )}
      {/* The raw payload and result, for whoever scripts against the API; the rows above say it in words. */}
      <details className="mt-3 text-sm">
        <summary className="cursor-pointer font-semibold">Technical details (JSON)</summary>
        <pre className="mt-1 overflow-x-auto rounded bg-slate-100 p-2 text-xs dark:bg-slate-950">
          {JSON.stringify({ payload: job.payload, result: job.result }, null, 2)}
        </pre>
      </details>
      <div className="mt-4 flex gap-2">
        {job.status === 'dead' && (
          <Button busy={retry.busy} onClick={() => void retry.run()}>
            <RotateCcw className="size-4" aria-hidden /> Retry
          </Button>
        )}
        {(job.status === 'queued' || job.status === 'running') && (
          <Button variant="danger" busy={cancel.busy} onClick={() => void cancel.run()}>
            <XCircle className="size-4" aria-hidden /> Cancel
          </Button>
        )}
      </div>
      <ProblemNote error={retry.error ?? cancel.error} />
    </Dialog>
  )
}

export default function JobsPage() {
  const { list, selected, names } = useLoaderData<typeof clientLoader>()
  const rows = useMemo(() => list.data.map((job) => withConnection(job, names)), [list, names])
  const [params, setParams] = useSearchParams()
  const [cursors, setCursors] = useState<string[]>([])
  useRevalidateOn(['aos.job.*'])
  const table = useTable({ features, columns, data: rows, getRowId: jobKey, enableSorting: false })
  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params)
    if (value) next.set(key, value)
    else next.delete(key)
    if (key !== 'job') {
      next.delete('cursor')
      setCursors([])
    }
    setParams(next)
  }
  return (
    <>
      <PageHeader
        title="Jobs"
        description="Sync, notification and repair jobs: retried with backoff, then dead-lettered."
      />
      <Widget
        id="jobs.list"
        title="Jobs"
        actions={
          <div className="flex gap-2">
            <Field label="">
              <Select
                aria-label="Status"
                value={params.get('status') ?? ''}
                onChange={(e) => set('status', e.target.value || null)}
              >
                <option value="">All statuses</option>
                {JOB_STATUSES.map((s) => (
                  <option key={s}>{s}</option>
                ))}
              </Select>
            </Field>
            <Field label="">
              <Select
                aria-label="Kind"
                value={params.get('kind') ?? ''}
                onChange={(e) => set('kind', e.target.value || null)}
              >
                <option value="">All kinds</option>
                {JOB_KINDS.map((k) => (
                  <option key={k}>{k}</option>
                ))}
              </Select>
            </Field>
          </div>
        }
      >
        {list.data.length === 0 ? (
          <p className="py-6 text-center text-slate-500">No jobs match. Syncs and notifications appear here.</p>
        ) : (
          <div className="overflow-x-auto">
            <DataTable
              table={table}
              testId="jobs"
              headClassName="text-slate-500 text-xs uppercase"
              bodyClassName="divide-y divide-slate-100 dark:divide-slate-800"
              rowProps={(job) => ({
                className: 'cursor-pointer hover:bg-slate-50 dark:hover:bg-slate-800/50',
                onClick: () => set('job', job.id),
              })}
            />
          </div>
        )}
        <div className="mt-3 flex gap-2">
          {cursors.length > 0 && (
            <Button
              variant="secondary"
              onClick={() => {
                const previous = cursors.slice(0, -1)
                setCursors(previous)
                const next = new URLSearchParams(params)
                const cursor = previous[previous.length - 1]
                if (cursor) next.set('cursor', cursor)
                else next.delete('cursor')
                setParams(next)
              }}
            >
              Newer
            </Button>
          )}
          {list.next_cursor && (
            <Button
              variant="secondary"
              onClick={() => {
                setCursors([...cursors, list.next_cursor as string])
                const next = new URLSearchParams(params)
                next.set('cursor', list.next_cursor as string)
                setParams(next)
              }}
            >
              Older
            </Button>
          )}
        </div>
      </Widget>
      {selected && <JobDetail job={withConnection(selected, names)} onClose={() => set('job', null)} />}
    </>
  )
}

export { PageError as ErrorBoundary } from '../components/page-error.tsx'
