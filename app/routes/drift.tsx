import { GitCompareArrows } from 'lucide-react'
import { Link, useLoaderData, useNavigate } from 'react-router'
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts'
import { Badge } from '../components/badge.tsx'
import { ChartFrame } from '../components/chart-frame.tsx'
import { axis, COLORS, tooltip } from '../components/chart-theme.ts'
import { DriftDiff } from '../components/drift-diff.tsx'
import { DriftReviewActions, ReviewStatus } from '../components/drift-review.tsx'
import { Field, Select } from '../components/form.tsx'
import { PageHeader } from '../components/page-header.tsx'
import { SchemaTable } from '../components/schema-table.tsx'
import { PauseResume, StreamStatus } from '../components/stream-controls.tsx'
import { Widget } from '../components/widget.tsx'
import { api } from '../lib/api.ts'
import { useRevalidateOn } from '../lib/live-events.tsx'
import { pageTitle } from '../lib/nav.ts'
import type { Connection, DriftChange, DriftRecord, List, Stream } from '../lib/types.ts'
import type { Route } from './+types/drift'

export const meta = () => pageTitle('Drift')

export async function clientLoader({ request }: Route.ClientLoaderArgs) {
  const [connections, streams] = await Promise.all([
    api<List<Connection>>('/v1/connections'),
    api<List<Stream>>('/v1/streams'),
  ])
  const wanted = new URL(request.url).searchParams.get('stream')
  const stream = streams.data.find((s) => s.id === wanted) ?? streams.data[0] ?? null
  const drift = stream ? (await api<List<DriftRecord>>(`/v1/streams/${stream.id}/drift`)).data : []
  return { connections: connections.data, streams: streams.data, stream, drift }
}

/** Changes per drift event, oldest first, split by kind: how the stream's schema has moved. */
function HistoryChart({ drift }: { drift: DriftRecord[] }) {
  const rows = [...drift].reverse().map((d) => {
    const count = (kind: string) => d.changes.filter((c) => c.kind === kind).length
    return {
      at: new Date(d.detected_at).toLocaleString(),
      added: count('added'),
      removed: count('removed'),
      renamed: count('renamed'),
      retyped: count('type_changed') + count('nullability_changed'),
    }
  })
  return (
    <ChartFrame height={200}>
      <BarChart data={rows}>
        <CartesianGrid strokeOpacity={0.15} vertical={false} />
        <XAxis dataKey="at" {...axis} />
        <YAxis allowDecimals={false} width={30} {...axis} />
        <Tooltip {...tooltip} />
        <Legend />
        <Bar isAnimationActive={false} dataKey="added" stackId="c" fill={COLORS.green} />
        <Bar isAnimationActive={false} dataKey="removed" stackId="c" fill={COLORS.red} />
        <Bar isAnimationActive={false} dataKey="renamed" stackId="c" fill={COLORS.purple} />
        <Bar isAnimationActive={false} dataKey="retyped" stackId="c" fill={COLORS.blue} />
      </BarChart>
    </ChartFrame>
  )
}

export default function DriftPage() {
  const { connections, streams, stream, drift } = useLoaderData<typeof clientLoader>()
  const navigate = useNavigate()
  useRevalidateOn(['aos.drift.*', 'aos.stream.*', 'aos.sync.completed'])
  const connectionName = (id: string) => connections.find((c) => c.id === id)?.name ?? 'connection'

  if (!stream)
    return (
      <>
        <PageHeader title="Drift" />
        <Widget id="drift.empty" title="Schema drift">
          <div className="py-8 text-center text-slate-500">
            <GitCompareArrows className="mx-auto mb-2 size-8" aria-hidden />
            No streams yet.{' '}
            <Link to="/connections" className="text-blue-600 underline">
              Connect a source
            </Link>{' '}
            and sync it; every later sync is checked for drift.
          </div>
        </Widget>
      </>
    )

  return (
    <>
      <PageHeader
        title="Drift"
        description="Every sync fingerprints the stream's schema; a change is classified (added, removed, renamed, retyped) and handled by the connection's policy. Under “propagate”, a breaking change holds the stream's new records until someone accepts or rejects it here."
        actions={<PauseResume stream={stream} />}
      />
      <div className="mb-4 max-w-md">
        <Field label="Stream">
          <Select
            value={stream.id}
            onChange={(e) => navigate(`/drift?stream=${e.target.value}`)}
            data-testid="drift-stream"
          >
            {streams.map((s) => (
              <option key={s.id} value={s.id}>
                {connectionName(s.connection_id)} / {s.name}
                {s.held_drift_id ? ' (needs review)' : s.paused ? ' (paused)' : ''}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <div className="grid gap-4 lg:grid-cols-3">
        <Widget id="drift.history-chart" title="Changes per sync" className="lg:col-span-2">
          {drift.length === 0 ? (
            <p className="text-slate-500 text-sm">No drift on this stream yet.</p>
          ) : (
            <HistoryChart drift={drift} />
          )}
        </Widget>
        <Widget id="drift.status" title="Stream status">
          <dl className="space-y-2 text-sm">
            <div>
              <dt className="text-slate-500">Status</dt>
              <dd>
                <StreamStatus stream={stream} />
              </dd>
            </div>
            <div>
              <dt className="text-slate-500">Fingerprint</dt>
              <dd className="break-all font-mono text-xs">{stream.fingerprint ?? '—'}</dd>
            </div>
            <div>
              <dt className="text-slate-500">Records</dt>
              <dd>{stream.record_count.toLocaleString()}</dd>
            </div>
          </dl>
        </Widget>
        <Widget id="drift.history" title="History" className="lg:col-span-3">
          {drift.length === 0 ? (
            <p className="text-slate-500 text-sm">
              Upload a file with a different header to this stream and its drift appears here, live.
            </p>
          ) : (
            <ol className="space-y-4" data-testid="drift-history">
              {drift.map((d) => (
                <li key={d.id}>
                  <div className="mb-1 flex flex-wrap items-center gap-2 text-sm">
                    <time className="font-semibold" dateTime={d.detected_at}>
                      {new Date(d.detected_at).toLocaleString()}
                    </time>
                    <Badge tone={d.breaking ? 'red' : 'green'}>{d.breaking ? 'breaking' : 'non-breaking'}</Badge>
                    <Badge tone="purple">policy {d.policy}</Badge>
                    <Badge tone="blue">{d.action.replaceAll('_', ' ')}</Badge>
                    {d.review && <ReviewStatus review={d.review} />}
                  </div>
                  <DriftDiff changes={d.changes as DriftChange[]} />
                  {d.review?.status === 'pending' && <DriftReviewActions drift={d} />}
                </li>
              ))}
            </ol>
          )}
        </Widget>
        {stream.schema && (
          <Widget id="drift.current-schema" title="Current schema" className="lg:col-span-3">
            <SchemaTable schema={stream.schema} profile={stream.profile} />
          </Widget>
        )}
      </div>
    </>
  )
}

export { PageError as ErrorBoundary } from '../components/page-error.tsx'
