import { Cable, Plus } from 'lucide-react'
import { useCallback, useEffect, useState } from 'react'
import { Link, useLoaderData, useNavigate, useSearchParams } from 'react-router'
import { Badge } from '../components/badge.tsx'
import { Button } from '../components/button.tsx'
import { HealthBadge } from '../components/connection-health.tsx'
import { ConnectionKindFields, connectionBody } from '../components/connection-kind-fields.tsx'
import { Dialog } from '../components/dialog.tsx'
import { Field, Input, Select } from '../components/form.tsx'
import { PageHeader } from '../components/page-header.tsx'
import { ProblemNote } from '../components/problem-note.tsx'
import { ScheduleInWords } from '../components/schedule-editor.tsx'
import { Widget } from '../components/widget.tsx'
import { api, fieldErrors } from '../lib/api.ts'
import { type Connector, loadConnectors } from '../lib/connection-kinds.ts'
import { flagOn } from '../lib/flags.ts'
import { ago, POLICY_LABEL } from '../lib/format.ts'
import { useOnEvent, useRevalidateOn } from '../lib/live-events.tsx'
import { pageTitle } from '../lib/nav.ts'
import type { Connection, Job, List, Stream } from '../lib/types.ts'
import { onFormSubmit, useAction } from '../lib/use-action.ts'

export const meta = () => pageTitle('API Mesh Connections')

export async function clientLoader() {
  const [connections, streams, connectors] = await Promise.all([
    api<List<Connection>>('/v1/connections'),
    api<List<Stream>>('/v1/streams'),
    loadConnectors(),
  ])
  return { connections: connections.data, streams: streams.data, connectors }
}

function CreateConnection({ connectors, onCreated }: { connectors: Connector[]; onCreated: (c: Connection) => void }) {
  const [open, setOpen] = useState(false)
  const [kind, setKind] = useState(connectors[0]?.kind)
  const connector = connectors.find((c) => c.kind === kind)
  const { run, busy, error } = useAction(
    async (f: FormData) => {
      if (!connector) return
      const body = connectionBody(connector, f)
      const created = await api<Connection>('/v1/connections', { body })
      setOpen(false)
      onCreated(created)
    },
    { revalidate: false },
  )
  const errors = fieldErrors(error)
  return (
    <>
      <Button onClick={() => setOpen(true)}>
        <Plus className="size-4" aria-hidden /> New connection
      </Button>
      <Dialog
        open={open}
        onOpenChange={setOpen}
        title="New connection"
        description="Each sync is fingerprinted and checked for drift against the last one."
      >
        <form onSubmit={onFormSubmit(run)} className="space-y-3">
          <Field label="Name" error={errors.name}>
            <Input name="name" required maxLength={120} placeholder="CRM exports" />
          </Field>
          <Field label="Kind">
            <Select name="kind" value={kind} onChange={(e) => setKind(e.target.value as Connector['kind'])}>
              {connectors.map((c) => (
                <option key={c.kind} value={c.kind}>
                  {c.label}
                </option>
              ))}
            </Select>
          </Field>
          {connector && <ConnectionKindFields key={connector.kind} connector={connector} errors={errors} />}
          <Field label="Drift policy" error={errors.drift_policy}>
            <Select name="drift_policy" defaultValue="propagate">
              {Object.entries(POLICY_LABEL).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </Select>
          </Field>
          <ProblemNote error={error} />
          <Button type="submit" busy={busy} className="w-full">
            Create connection
          </Button>
        </form>
      </Dialog>
    </>
  )
}

type ListProps = { connections: Connection[]; streams: Stream[] }

function ConnectionCards({ connections, streams }: ListProps) {
  return (
    <ul className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
      {connections.map((c) => {
        const own = streams.filter((s) => s.connection_id === c.id)
        const paused = own.filter((s) => s.paused).length
        return (
          <li key={c.id}>
            <Link
              to={`/connections/${c.id}`}
              className="block rounded-xl border border-slate-200 p-4 hover:border-blue-400 dark:border-slate-800"
            >
              <div className="flex flex-wrap items-center gap-2">
                <span className="min-w-0 flex-1 basis-40 truncate font-bold">{c.name}</span>
                <Badge tone="blue">{c.kind}</Badge>
                {c.draft && <Badge tone="amber">draft</Badge>}
                <HealthBadge health={c.health} />
              </div>
              <div className="mt-2 flex flex-wrap gap-2 text-xs">
                <Badge tone="purple">{c.drift_policy}</Badge>
                <Badge tone={paused ? 'amber' : 'green'}>
                  {own.length} stream{own.length === 1 ? '' : 's'}
                  {paused ? `, ${paused} paused` : ''}
                </Badge>
              </div>
              <p className="mt-2 text-slate-500 text-xs">
                Last synced {ago(c.last_synced_at)}
                {c.schedule && (
                  <>
                    {' · '}
                    <ScheduleInWords cron={c.schedule} nextSyncAt={c.next_sync_at} />
                  </>
                )}
              </p>
            </Link>
          </li>
        )
      })}
    </ul>
  )
}

/** The list before connections v2 (VITE_CONNECTIONS_V2=false): one row per connection, nothing else. */
function ConnectionTable({ connections }: ListProps) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid="connections-table">
        <thead className="text-slate-500 text-xs uppercase">
          <tr>
            <th className="py-1 pr-3">Name</th>
            <th className="py-1 pr-3">Kind</th>
            <th className="py-1 pr-3">Last sync</th>
            <th className="py-1">Status</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {connections.map((c) => (
            <tr key={c.id}>
              <td className="py-1 pr-3">
                <Link to={`/connections/${c.id}`} className="text-blue-600 underline">
                  {c.name}
                </Link>
              </td>
              <td className="py-1 pr-3">{c.kind}</td>
              <td className="py-1 pr-3">{ago(c.last_synced_at)}</td>
              <td className="py-1">
                <HealthBadge health={c.health} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/** Cards with health, policy and streams (on, the default), or the earlier plain table (README: Configuration). */
const ConnectionList = flagOn(import.meta.env.VITE_CONNECTIONS_V2, true) ? ConnectionCards : ConnectionTable

const PURGE_ENDED = new Set(['succeeded', 'dead', 'cancelled'])

/** After "Delete and remove its data": how far the aam.connection-purge job (`?purge=<job id>`) is. */
function PurgeStatus({ jobId }: { jobId: string }) {
  const [job, setJob] = useState<Job | null>(null)
  const load = useCallback(() => api<Job>(`/v1/jobs/${jobId}`).then(setJob, () => setJob(null)), [jobId])
  useEffect(() => void load(), [load])
  useOnEvent(['aos.job.*'], (event) => {
    const data = event.data as { job_id: string; progress?: Job['progress'] }
    if (data.job_id !== jobId) return
    if (event.type === 'aos.job.progress' && data.progress) {
      const progress = data.progress
      setJob((current) => current && { ...current, status: 'running', progress })
    } else void load()
  })
  if (!job) return null
  const progress = job.progress
  const text =
    job.status === 'succeeded'
      ? 'The deleted connection’s data is removed.'
      : PURGE_ENDED.has(job.status)
        ? `Removing the deleted connection’s data stopped (${job.status}).`
        : progress && progress.total > 0
          ? `Removing the deleted connection’s data: ${progress.done.toLocaleString()} of ${progress.total.toLocaleString()} rows…`
          : 'Removing the deleted connection’s data…'
  return (
    <div role="status" data-testid="purge-status" className="mb-4 space-y-1 text-sm">
      <p>
        {text}{' '}
        <Link className="underline" to={`/jobs?job=${job.id}`}>
          Job {job.id.slice(0, 8)}
        </Link>
      </p>
      {!PURGE_ENDED.has(job.status) && (
        <progress
          className="h-2 w-full accent-blue-600"
          max={progress?.total || 1}
          value={progress?.done ?? 0}
          aria-label="Data removal progress"
        />
      )}
    </div>
  )
}

export default function Connections() {
  const { connections, streams, connectors } = useLoaderData<typeof clientLoader>()
  const navigate = useNavigate()
  const [params] = useSearchParams()
  const purging = params.get('purge')
  useRevalidateOn(['aos.sync.completed', 'aos.drift.detected', 'aos.stream.*'])
  return (
    <>
      <PageHeader
        title="API Mesh Connections"
        description="Sources the Adaptive API Mesh keeps in sync. Open one to upload, sync, discover and set its drift policy."
        actions={
          <CreateConnection connectors={connectors} onCreated={(c) => navigate(`/connections/${c.id}?created=1`)} />
        }
      />
      {purging && <PurgeStatus jobId={purging} />}
      <Widget id="connections.list" title="Connections">
        {connections.length === 0 ? (
          <div className="py-8 text-center text-slate-500">
            <Cable className="mx-auto mb-2 size-8" aria-hidden />
            No connections yet. Create one to start syncing a source.
          </div>
        ) : (
          <ConnectionList connections={connections} streams={streams} />
        )}
      </Widget>
    </>
  )
}

export { PageError as ErrorBoundary } from '../components/page-error.tsx'
