import { CloudUpload, Download, RefreshCw, Rocket, ScanSearch, Stethoscope, Trash2 } from 'lucide-react'
import { useState } from 'react'
import { Link, useLoaderData, useNavigate, useOutletContext, useSearchParams } from 'react-router'
import { Badge } from '../components/badge.tsx'
import { Button } from '../components/button.tsx'
import { HealthBadge, HealthBanner } from '../components/connection-health.tsx'
import { DraftCredentials } from '../components/draft-credentials.tsx'
import { Field, Input, Select } from '../components/form.tsx'
import { PageHeader } from '../components/page-header.tsx'
import { ProblemNote } from '../components/problem-note.tsx'
import { RowCountsLine } from '../components/row-counts.tsx'
import { ScheduleEditor } from '../components/schedule-editor.tsx'
import { SchemaTable } from '../components/schema-table.tsx'
import { PauseResume, StreamStatus } from '../components/stream-controls.tsx'
import { StreamSelection } from '../components/stream-selection.tsx'
import { Widget } from '../components/widget.tsx'
import { api, apiResponse } from '../lib/api.ts'
import { loadConnector, sourceSummary } from '../lib/connection-kinds.ts'
import { download } from '../lib/csv.ts'
import { startEngine } from '../lib/duckdb.ts'
import { ago, POLICY_LABEL, readableValue } from '../lib/format.ts'
import { useOnEvent, useRevalidateOn } from '../lib/live-events.tsx'
import { fromStandIn } from '../lib/live-status.ts'
import { pageTitle } from '../lib/nav.ts'
import type {
  Connection,
  ConnectionTestResult,
  Discovery,
  DriftPolicy,
  Job,
  List,
  Me,
  Page,
  QuarantineItem,
  SourceFile,
  Stream,
  UploadAccepted,
} from '../lib/types.ts'
import { useAction } from '../lib/use-action.ts'
import { usePages } from '../lib/use-pages.ts'
import type { Route } from './+types/connection'

export const meta = ({ loaderData }: Route.MetaArgs) =>
  pageTitle(loaderData ? `Connection ${loaderData.connection.name}` : 'Connection')

export async function clientLoader({ params }: Route.ClientLoaderArgs) {
  const [connection, streams, quarantine] = await Promise.all([
    api<Connection>(`/v1/connections/${params.id}`),
    api<List<Stream>>(`/v1/connections/${params.id}/streams`),
    api<Page<QuarantineItem>>(`/v1/connections/${params.id}/quarantine`),
  ])
  const noFiles: Page<SourceFile> = { data: [], next_cursor: null }
  const [connector, files] = await Promise.all([
    loadConnector(connection.kind),
    connection.kind === 'file' ? api<Page<SourceFile>>(`/v1/connections/${params.id}/files?limit=20`) : noFiles,
  ])
  return { connection, connector, streams: streams.data, quarantine, files }
}

const PURGE_CONFIRM = (name: string) =>
  `Delete ${name} and remove everything it brought in? Its synced and quarantined records, uploaded files, ` +
  'drift and repair history, its mappings and its rows in the unified views are removed for good (rows merged ' +
  "with another source's records keep those). The audit log keeps the record of the deletion. This cannot be undone."

function Actions({ connection }: { connection: Connection }) {
  const navigate = useNavigate()
  const [note, setNote] = useState<string | null>(null)
  const test = useAction(() => api<ConnectionTestResult>(`/v1/connections/${connection.id}/test`, { method: 'POST' }))
  const sync = useAction(() => api<Job>(`/v1/connections/${connection.id}/sync`, { method: 'POST' }))
  const remove = useAction(() => api(`/v1/connections/${connection.id}`, { method: 'DELETE' }))
  const purge = useAction(() => api<Job>(`/v1/connections/${connection.id}?purge=true`, { method: 'DELETE' }))
  return (
    <div className="flex flex-col items-end gap-2">
      <div className="flex flex-wrap gap-2">
        <Button
          variant="secondary"
          busy={test.busy}
          onClick={async () => {
            const r = await test.run()
            if (r) setNote(`Connection OK: ${r.checked.join(', ')}`)
          }}
        >
          <Stethoscope className="size-4" aria-hidden /> Test
        </Button>
        <Button
          busy={sync.busy}
          onClick={async () => {
            const job = await sync.run()
            if (job) setNote(`Sync queued as job ${job.id.slice(0, 8)}; the page updates when it finishes.`)
          }}
        >
          <RefreshCw className="size-4" aria-hidden /> Sync now
        </Button>
        {!connection.draft && (
          <Link
            to={`/connections/${connection.id}/onboard`}
            className="inline-flex items-center gap-2 rounded-lg border border-slate-300 bg-white px-3 py-2 font-semibold text-slate-800 text-sm hover:bg-slate-100 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800"
            data-testid="onboard-link"
          >
            <Rocket className="size-4" aria-hidden /> Onboard
          </Link>
        )}
        <Button
          variant="danger"
          busy={remove.busy}
          onClick={async () => {
            if (!confirm(`Delete ${connection.name}? Stored records are kept for audit.`)) return
            await remove.run()
            navigate('/connections')
          }}
        >
          <Trash2 className="size-4" aria-hidden /> Delete
        </Button>
        <Button
          variant="danger"
          busy={purge.busy}
          onClick={async () => {
            if (!confirm(PURGE_CONFIRM(connection.name))) return
            const job = await purge.run()
            if (job) navigate(`/connections?purge=${job.id}`)
          }}
        >
          <Trash2 className="size-4" aria-hidden /> Delete and remove its data
        </Button>
      </div>
      {note && <p className="text-emerald-700 text-sm dark:text-emerald-400">{note}</p>}
      <ProblemNote error={test.error ?? sync.error ?? remove.error ?? purge.error} />
    </div>
  )
}

/** Safe Mode for this connection alone: while on, the repair engine only proposes repairs here. */
function SafeModeToggle({ connection }: { connection: Connection }) {
  const me = useOutletContext<Me>()
  const canEdit = me.role === 'owner' || me.role === 'admin'
  const save = useAction((safe_mode: boolean) =>
    api(`/v1/connections/${connection.id}/safe-mode`, { method: 'PUT', body: { safe_mode } }),
  )
  return (
    <div className="text-sm">
      <label className="flex items-center gap-2 font-medium">
        <input
          type="checkbox"
          className="size-4"
          checked={connection.safe_mode}
          disabled={!canEdit || save.busy}
          onChange={(e) => void save.run(e.target.checked)}
          data-testid="connection-safe-mode"
        />
        Safe Mode
      </label>
      <p className="text-slate-500 text-xs">
        {connection.safe_mode
          ? 'On: repairs for this connection wait in AOS Review for a person.'
          : 'Off: a sure enough repair applies itself here, unless the workspace is in Safe Mode.'}
        {!canEdit && ' Only admins and owners can change it.'}
      </p>
      <ProblemNote error={save.error} />
    </div>
  )
}

function PolicyPicker({ connection }: { connection: Connection }) {
  const save = useAction((drift_policy: DriftPolicy) =>
    api(`/v1/connections/${connection.id}`, { method: 'PATCH', body: { drift_policy } }),
  )
  return (
    <Field label="Drift policy" hint="Changing it never drops or rewrites stored records.">
      <Select
        value={connection.drift_policy}
        disabled={save.busy}
        onChange={(e) => void save.run(e.target.value as DriftPolicy)}
        data-testid="drift-policy"
      >
        {Object.entries(POLICY_LABEL).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </Select>
      <ProblemNote error={save.error} />
    </Field>
  )
}

function Upload({ connection }: { connection: Connection }) {
  const [accepted, setAccepted] = useState<UploadAccepted | null>(null)
  const upload = useAction(async (stream: string, file: File) =>
    api<UploadAccepted>(`/v1/connections/${connection.id}/files?stream=${encodeURIComponent(stream)}`, {
      method: 'POST',
      body: file,
      headers: { 'content-type': file.type || 'application/octet-stream' },
    }),
  )
  const submit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const form = event.currentTarget
    const f = new FormData(form)
    const file = f.get('file')
    if (!(file instanceof File) || file.size === 0) return
    const done = (await upload.run(String(f.get('stream')), file)) ?? null
    setAccepted(done)
    // Cleared for the next file; the stream name stays, as the next upload usually goes to the same one.
    const input = form.querySelector<HTMLInputElement>('input[name=file]')
    if (done && input) input.value = ''
  }
  return (
    <form onSubmit={submit} className="space-y-3">
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Stream" hint="Uploads to the same stream are compared for drift">
          <Input name="stream" required defaultValue="contacts" pattern="[A-Za-z0-9][\w.\-]{0,99}" />
        </Field>
        <Field label={`File (${String(connection.config.format ?? 'csv').toUpperCase()})`}>
          <Input name="file" type="file" required accept=".csv,.jsonl,.json,.txt,text/csv" />
        </Field>
      </div>
      <Button type="submit" busy={upload.busy}>
        <CloudUpload className="size-4" aria-hidden /> Upload and sync
      </Button>
      {accepted && (
        <p className="text-emerald-700 text-sm dark:text-emerald-400" role="status">
          Uploaded {accepted.size_bytes.toLocaleString()} bytes to {accepted.stream}; sync job{' '}
          <Link className="underline" to={`/jobs?job=${accepted.job_id}`}>
            {accepted.job_id.slice(0, 8)}
          </Link>{' '}
          queued.
        </p>
      )}
      <ProblemNote error={upload.error} />
    </form>
  )
}

function DiscoverPanel({ connection }: { connection: Connection }) {
  const [result, setResult] = useState<Discovery | null>(null)
  const discover = useAction(() => api<Discovery>(`/v1/connections/${connection.id}/discover`, { method: 'POST' }))
  return (
    <div className="space-y-3">
      <Button variant="secondary" busy={discover.busy} onClick={async () => setResult((await discover.run()) ?? null)}>
        <ScanSearch className="size-4" aria-hidden /> Discover streams
      </Button>
      <ProblemNote error={discover.error} />
      {result?.streams.length === 0 && (
        <p className="text-slate-500 text-sm">Nothing to discover yet: upload a file.</p>
      )}
      {result?.streams.map((s) => (
        <div key={s.name}>
          <h3 className="font-bold">
            {s.name}{' '}
            <span className="font-normal text-slate-500 text-xs">
              {s.records_sampled} records sampled, {s.unparseable_rows} unparseable
            </span>
          </h3>
          {s.unreadable && <p className="text-rose-700 text-sm dark:text-rose-300">{s.unreadable}</p>}
          <SchemaTable schema={s.schema} profile={s.profile} />
        </div>
      ))}
    </div>
  )
}

/** Fetches a quarantined record's exact bytes (all of it, whatever its size) as a download. */
async function downloadRaw(q: QuarantineItem) {
  const res = await apiResponse(`/v1/quarantine/${q.id}/raw`, { headers: { accept: 'application/octet-stream' } })
  download(`quarantine-line-${q.line ?? q.id}.txt`, await res.blob(), 'application/octet-stream')
}

function MoreButton({ pages }: { pages: { hasMore: boolean; more: () => unknown; busy: boolean; error: unknown } }) {
  return (
    <>
      {pages.hasMore && (
        <Button variant="secondary" busy={pages.busy} onClick={() => void pages.more()}>
          Load more
        </Button>
      )}
      <ProblemNote error={pages.error} />
    </>
  )
}

function QuarantineList({
  first,
  connectionId,
  streams,
}: {
  first: Page<QuarantineItem>
  connectionId: string
  streams: Stream[]
}) {
  const pages = usePages(first, `/v1/connections/${connectionId}/quarantine`)
  const replay = useAction((id: string) => api(`/v1/quarantine/${id}/replay`, { body: {} }))
  const raw = useAction(downloadRaw, { revalidate: false })
  if (pages.items.length === 0) return <p className="text-slate-500 text-sm">Nothing in quarantine.</p>
  const name = (id: string) => streams.find((s) => s.id === id)?.name ?? id
  return (
    <>
      <ProblemNote error={replay.error ?? raw.error} />
      <ul className="divide-y divide-slate-100 text-sm dark:divide-slate-800" data-testid="quarantine">
        {pages.items.map((q) => (
          <li key={q.id} className="flex flex-wrap items-start gap-3 py-2">
            <div className="min-w-0 flex-1">
              <p>
                <Badge tone="red">{name(q.stream_id)}</Badge> line {q.line ?? '?'}: {q.reason}
              </p>
              <pre className="mt-1 max-h-40 overflow-auto rounded bg-slate-100 p-2 text-xs dark:bg-slate-950">
                {q.raw}
              </pre>
              {(q.raw_truncated || q.raw_base64) && (
                <p className="mt-1 text-slate-500 text-xs">
                  {q.raw_truncated
                    ? 'Only the start is shown: the record is over the size limit.'
                    : 'Shown with � where it holds bytes that are not text; the download is exact.'}
                </p>
              )}
            </div>
            <div className="flex gap-2">
              <Button
                variant="secondary"
                onClick={() => void raw.run(q)}
                busy={raw.busy}
                aria-label="Download raw record"
              >
                <Download className="size-4" aria-hidden />
              </Button>
              <Button variant="secondary" onClick={() => void replay.run(q.id)} busy={replay.busy}>
                Replay
              </Button>
            </div>
          </li>
        ))}
      </ul>
      <MoreButton pages={pages} />
    </>
  )
}

const FILE_TONE = { pending: 'blue', synced: 'green', failed: 'red' } as const

/** Every upload with its status and what became of each row it held; a failed file says why. */
function FileList({ first, connectionId }: { first: Page<SourceFile>; connectionId: string }) {
  const pages = usePages(first, `/v1/connections/${connectionId}/files?limit=20`)
  if (pages.items.length === 0) return <p className="text-slate-500 text-sm">No uploads yet.</p>
  return (
    <>
      <ul className="divide-y divide-slate-100 text-sm dark:divide-slate-800" data-testid="files">
        {pages.items.map((f) => (
          <li key={f.id} className="py-2" data-file={f.id}>
            <p>
              <Badge tone={FILE_TONE[f.status]}>{f.status}</Badge> <b>{f.stream}</b>{' '}
              <span className="text-slate-500 text-xs">
                {f.size_bytes.toLocaleString()} bytes · uploaded {ago(f.uploaded_at)}
              </span>
            </p>
            {f.counts && <RowCountsLine counts={f.counts} />}
            {f.failure_reason && <p className="text-rose-700 dark:text-rose-300">{f.failure_reason}</p>}
          </li>
        ))}
      </ul>
      <MoreButton pages={pages} />
    </>
  )
}

/** Rows read so far per stream while a sync runs, from `aos.sync.progress`; cleared when it completes. */
function useSyncProgress() {
  const [progress, setProgress] = useState<Record<string, number>>({})
  useOnEvent(['aos.sync.progress', 'aos.sync.completed'], (event) => {
    const { stream_id, rows } = event.data as { stream_id: string; rows: number }
    setProgress(({ [stream_id]: _, ...rest }) =>
      event.type === 'aos.sync.progress' ? { ...rest, [stream_id]: rows } : rest,
    )
  })
  return progress
}

/** Just created: the wizard is the way from a new connection to filled views (a file needs an upload first). */
function OnboardPrompt({ connection }: { connection: Connection }) {
  const [params] = useSearchParams()
  if (!params.has('created') || connection.draft) return null
  return (
    <div
      className="mb-4 flex flex-wrap items-center gap-3 rounded-lg border border-blue-300 bg-blue-50 p-3 text-blue-950 text-sm dark:border-blue-800 dark:bg-blue-950/60 dark:text-blue-50"
      data-testid="onboard-prompt"
    >
      <p className="min-w-0 flex-1">
        {connection.kind === 'file'
          ? 'Connection created. Upload a first file below, then onboard it: streams, field profiles, suggested mappings and the views they feed, step by step.'
          : 'Connection created. Onboard it step by step: find its streams, profile their fields, review the suggested mappings and see which views they feed.'}
      </p>
      <Link className="font-semibold underline" to={`/connections/${connection.id}/onboard`}>
        Start onboarding
      </Link>
    </div>
  )
}

export default function ConnectionPage() {
  const { connection, connector, streams, quarantine, files } = useLoaderData<typeof clientLoader>()
  useRevalidateOn(['aos.sync.completed', 'aos.drift.*', 'aos.stream.*', 'aos.job.*'])
  const progress = useSyncProgress()
  const selection = connector.selection
  // What this connection read came from a vendor's local stand-in: its widgets say demo, not live.
  const origin = fromStandIn(connection.config) ? 'demo' : 'api'
  return (
    <>
      <PageHeader
        title={connection.name}
        description={
          <>
            <Badge tone="blue">{connection.kind}</Badge> <HealthBadge health={connection.health} /> · last synced{' '}
            {ago(connection.last_synced_at)}
            {connection.last_sync_counts && (
              <>
                {' '}
                · <RowCountsLine counts={connection.last_sync_counts} />
              </>
            )}
          </>
        }
        actions={<Actions connection={connection} />}
      />
      <HealthBanner connection={connection} />
      <OnboardPrompt connection={connection} />
      <div className="grid gap-4 lg:grid-cols-3">
        <Widget id="connection.settings" title="Settings">
          <div className="space-y-3">
            <PolicyPicker connection={connection} />
            <SafeModeToggle connection={connection} />
            <ScheduleEditor connection={connection} />
            <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm" data-testid="connection-config">
              {Object.entries(connection.config).map(([k, v]) => (
                <div key={k} className="contents">
                  <dt className="text-slate-500">{k}</dt>
                  <dd className="whitespace-pre-wrap font-mono [overflow-wrap:anywhere]">{readableValue(v)}</dd>
                </div>
              ))}
            </dl>
          </div>
        </Widget>
        {connection.draft ? (
          <Widget id="connection.draft" title="Complete this connection" className="lg:col-span-2">
            <DraftCredentials connection={connection} connector={connector} />
          </Widget>
        ) : connection.kind === 'file' ? (
          <Widget id="connection.upload" title="Upload a file" className="lg:col-span-2">
            <Upload connection={connection} />
          </Widget>
        ) : (
          <Widget id="connection.source" origin={origin} title="Source" className="lg:col-span-2">
            <p className="text-slate-600 text-sm dark:text-slate-300">
              {sourceSummary(connector, connection)} Use <b>Test</b> to check access and <b>Sync now</b> or a schedule
              to read what changed.
            </p>
            {selection && (
              <div className="mt-3">
                <StreamSelection connection={connection} selection={selection} />
              </div>
            )}
          </Widget>
        )}
        <Widget id="connection.streams" origin={origin} title="Streams" className="lg:col-span-3">
          {streams.length === 0 ? (
            <p className="text-slate-500 text-sm">
              No streams yet: {connection.kind === 'file' ? 'upload a file to create one.' : 'sync to read the source.'}
            </p>
          ) : (
            <div className="overflow-x-auto">
              <table className="w-full text-left text-sm" data-testid="streams">
                <thead className="text-slate-500 text-xs uppercase">
                  <tr>
                    <th className="py-1 pr-3">Stream</th>
                    <th className="py-1 pr-3">Status</th>
                    <th className="py-1 pr-3">Records</th>
                    <th className="py-1 pr-3">Fields</th>
                    <th className="py-1 pr-3">Fingerprint</th>
                    <th className="py-1" />
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
                  {streams.map((s) => (
                    <tr key={s.id} data-stream={s.name}>
                      <td className="py-2 pr-3 font-semibold">{s.name}</td>
                      <td className="py-2 pr-3">
                        <StreamStatus stream={s} />
                      </td>
                      <td className="py-2 pr-3">
                        <span data-testid="record-count">{s.record_count.toLocaleString()}</span>
                        {progress[s.id] !== undefined && (
                          <span className="ml-2 animate-pulse text-blue-600 text-xs dark:text-blue-400">
                            syncing, {progress[s.id]?.toLocaleString()} rows read
                          </span>
                        )}
                      </td>
                      <td className="py-2 pr-3">{s.schema?.length ?? 0}</td>
                      <td className="py-2 pr-3 font-mono text-xs">{s.fingerprint?.slice(0, 12) ?? '—'}</td>
                      <td className="flex flex-wrap justify-end gap-2 py-2">
                        <Link
                          className="rounded-lg px-3 py-2 font-semibold text-blue-600 text-sm"
                          to={`/drift?stream=${s.id}`}
                        >
                          Drift
                        </Link>
                        <Link
                          className="rounded-lg px-3 py-2 font-semibold text-blue-600 text-sm"
                          to={`/streams/${s.id}/preview`}
                          onPointerEnter={startEngine}
                          onFocus={startEngine}
                        >
                          Preview
                        </Link>
                        <PauseResume stream={s} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Widget>
        {connection.kind === 'file' && (
          <Widget id="connection.files" origin={origin} title="Files" className="lg:col-span-3">
            <FileList first={files} connectionId={connection.id} />
          </Widget>
        )}
        <Widget id="connection.discovery" origin={origin} title="Discovery" className="lg:col-span-2">
          <DiscoverPanel connection={connection} />
        </Widget>
        <Widget id="connection.quarantine" origin={origin} title="Quarantine">
          <QuarantineList first={quarantine} connectionId={connection.id} streams={streams} />
        </Widget>
      </div>
    </>
  )
}

export { PageError as ErrorBoundary } from '../components/page-error.tsx'
