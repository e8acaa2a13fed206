import { Check, Pencil, Rocket, ShieldCheck, ShieldOff, X } from 'lucide-react'
import { useState } from 'react'
import { Link, useLoaderData, useSearchParams } from 'react-router'
import { Badge, type Tone } from '../components/badge.tsx'
import { Button } from '../components/button.tsx'
import { Confidence } from '../components/confidence.tsx'
import { Dialog, DialogButtons } from '../components/dialog.tsx'
import { EvidenceList } from '../components/evidence-list.tsx'
import { Field, Input } from '../components/form.tsx'
import { PageHeader } from '../components/page-header.tsx'
import { ProblemNote } from '../components/problem-note.tsx'
import { SchemaTable } from '../components/schema-table.tsx'
import { TransformSelect } from '../components/transform-select.tsx'
import { Widget } from '../components/widget.tsx'
import { api } from '../lib/api.ts'
import { useOnEvent, useRevalidateOn } from '../lib/live-events.tsx'
import { pageTitle } from '../lib/nav.ts'
import type { Automation, Connection, Job, List, MappingList, MappingVersion, Stream, ViewList } from '../lib/types.ts'
import { useAction } from '../lib/use-action.ts'
import type { Route } from './+types/onboard'

// The onboarding wizard: one `onboarding.run` job (sync → suggest mappings → outside Safe Mode accept the
// sure ones) watched live over the event stream, and five steps that show what it found and let a person
// decide each suggestion. The job's id sits in the URL so a reload or a shared link resumes the same run.

export const meta = ({ loaderData }: Route.MetaArgs) =>
  pageTitle(loaderData ? `Onboard ${loaderData.connection.name}` : 'Onboard')

export async function clientLoader({ params, request }: Route.ClientLoaderArgs) {
  const jobId = new URL(request.url).searchParams.get('job')
  const [connection, streams, mappings, automation, views, job] = await Promise.all([
    api<Connection>(`/v1/connections/${params.id}`),
    api<List<Stream>>(`/v1/connections/${params.id}/streams`),
    api<MappingList>(`/v1/dcl/mappings?connection_id=${params.id}&limit=500`),
    api<Automation>('/v1/settings/automation'),
    api<ViewList>('/v1/dcl/views'),
    jobId ? api<Job>(`/v1/jobs/${jobId}`) : Promise.resolve(null),
  ])
  return { connection, streams: streams.data, mappings: mappings.data, automation, views: views.data, job }
}

/** What `onboarding.run` returns (its result object; see workers/services/onboarding). */
type OnboardingResult = {
  safe_mode?: boolean
  accepted?: number
  waiting_for_review?: number
  suggested?: number
  skipped?: { stream: string; reason: string }[]
  not_onboarded?: string
}

const STEPS = ['Discover', 'Profile', 'Mappings', 'Views', 'Finish'] as const
/** What the job is doing after it reported `done` steps on `aos.job.progress` (0, 1, 2, then 4 of 4 at the end). */
const JOB_PHASES = [
  'Syncing: discovering the streams and profiling their fields',
  'Suggesting mappings for every stream',
  'Deciding what waits for review and filling the views',
]
const STATUS_TONE: Record<MappingVersion['status'], Tone> = {
  accepted: 'green',
  proposed: 'amber',
  rejected: 'red',
  deprecated: 'grey',
}
const RUNNING = new Set<Job['status']>(['queued', 'running'])

function SafeModeNotice({ connection, automation }: { connection: Connection; automation: Automation }) {
  const on = automation.safe_mode || connection.safe_mode
  const why = automation.safe_mode ? 'the workspace is in Safe Mode' : 'this connection is in Safe Mode'
  return (
    <div
      data-testid="onboard-safe-mode"
      className={
        on
          ? 'flex gap-3 rounded-lg border border-emerald-300 bg-emerald-50 p-3 text-emerald-950 text-sm dark:border-emerald-800 dark:bg-emerald-950/60 dark:text-emerald-50'
          : 'flex gap-3 rounded-lg border border-amber-300 bg-amber-50 p-3 text-amber-950 text-sm dark:border-amber-800 dark:bg-amber-950/60 dark:text-amber-50'
      }
    >
      {on ? (
        <ShieldCheck className="size-5 shrink-0" aria-hidden />
      ) : (
        <ShieldOff className="size-5 shrink-0" aria-hidden />
      )}
      <p>
        {on ? (
          <>
            <b>Safe Mode is on</b> ({why}): onboarding applies nothing by itself. Every suggested mapping waits in{' '}
            <Link className="font-semibold underline" to="/review">
              AOS Review
            </Link>{' '}
            for your approval, however sure it is.
          </>
        ) : (
          <>
            <b>Safe Mode is off</b>: suggestions at or above {Math.round(automation.repair_threshold * 100)}% confidence
            are accepted and the unified views fill; the rest wait in{' '}
            <Link className="font-semibold underline" to="/review">
              AOS Review
            </Link>
            .
          </>
        )}
      </p>
    </div>
  )
}

/** The job's live state: what it is doing now, or how it ended and what to do next. */
function JobProgress({ job, rowsRead }: { job: Job | null; rowsRead: number }) {
  if (!job) return null
  const result = (job.result ?? {}) as OnboardingResult
  if (RUNNING.has(job.status)) {
    const done = job.progress?.done ?? 0
    const total = job.progress?.total ?? 4
    return (
      <div role="status" data-testid="onboard-progress" className="space-y-1 text-sm">
        <p className="font-semibold">
          {job.status === 'queued' ? 'Queued: onboarding starts in a moment' : JOB_PHASES[Math.min(done, 2)]}
          {rowsRead > 0 && ` · ${rowsRead.toLocaleString()} rows read`}
        </p>
        <progress className="h-2 w-full accent-blue-600" max={total} value={done} aria-label="Onboarding progress" />
      </div>
    )
  }
  if (job.status === 'succeeded' && result.not_onboarded)
    return (
      <p role="alert" className="text-rose-700 text-sm dark:text-rose-300">
        Onboarding stopped: {result.not_onboarded}. Go back to <Link to="/connections">Connections</Link> and pick
        another one.
      </p>
    )
  if (job.status === 'succeeded')
    return (
      <p role="status" data-testid="onboard-progress" className="text-emerald-700 text-sm dark:text-emerald-400">
        Onboarding finished: {result.suggested ?? 0} mappings suggested, {result.accepted ?? 0} accepted,{' '}
        {result.waiting_for_review ?? 0} waiting for review.
      </p>
    )
  if (job.status === 'failed' && job.next_run_at)
    return (
      <div role="status" data-testid="onboard-progress" className="text-amber-800 text-sm dark:text-amber-200">
        <p className="font-semibold">
          Attempt {job.attempts} of {job.max_attempts} failed; it tries again at{' '}
          {new Date(job.next_run_at).toLocaleTimeString()}.
        </p>
        {job.last_error && <p>{job.last_error}</p>}
      </div>
    )
  return (
    <div role="alert" data-testid="onboard-failed" className="text-rose-700 text-sm dark:text-rose-300">
      <p className="font-semibold">Onboarding {job.status === 'cancelled' ? 'was cancelled' : 'failed'}.</p>
      {job.last_error && <p>{job.last_error}</p>}
      <p>
        Check the connection on its page (<b>Test</b> says whether the source answers), then start onboarding again. The
        job’s attempts are on <Link to={`/jobs?job=${job.id}`}>Jobs</Link>.
      </p>
    </div>
  )
}

function StepList({ step, onPick }: { step: number; onPick: (i: number) => void }) {
  return (
    <ol className="mb-4 flex flex-wrap gap-2 text-sm" aria-label="Onboarding steps">
      {STEPS.map((name, i) => (
        <li key={name}>
          <button
            type="button"
            onClick={() => onPick(i)}
            aria-current={i === step ? 'step' : undefined}
            className={
              i === step
                ? 'rounded-full bg-blue-600 px-3 py-1 font-semibold text-white'
                : 'rounded-full border border-slate-300 px-3 py-1 text-slate-700 dark:border-slate-700 dark:text-slate-200'
            }
          >
            {i + 1}. {name}
          </button>
        </li>
      ))}
    </ol>
  )
}

function DiscoverStep({
  connection,
  streams,
  job,
  start,
}: {
  connection: Connection
  streams: Stream[]
  job: Job | null
  start: ReturnType<typeof useAction<[], Job>>
}) {
  const running = job !== null && RUNNING.has(job.status)
  if (connection.draft)
    return (
      <p className="text-sm">
        This connection has no credentials yet. Complete it on{' '}
        <Link className="font-semibold underline" to={`/connections/${connection.id}`}>
          its page
        </Link>
        , then come back to onboard it.
      </p>
    )
  return (
    <div className="space-y-3">
      <p className="text-sm">
        Onboarding syncs <b>{connection.name}</b> (finding its streams and profiling their fields), suggests how each
        stream’s fields map onto the unified views, and names the views they will feed.
      </p>
      <Button busy={start.busy || running} onClick={() => void start.run()} data-testid="onboard-start">
        <Rocket className="size-4" aria-hidden /> {job ? 'Run onboarding again' : 'Start onboarding'}
      </Button>
      <ProblemNote error={start.error} />
      {streams.length === 0 ? (
        <p className="text-slate-500 text-sm">
          {connection.kind === 'file'
            ? 'No streams yet: a file connection has streams once a file is uploaded. Upload one on the connection page, then start onboarding.'
            : 'No streams found yet: start onboarding to read the source.'}
        </p>
      ) : (
        <ul className="divide-y divide-slate-100 text-sm dark:divide-slate-800" data-testid="onboard-streams">
          {streams.map((s) => (
            <li key={s.id} className="flex flex-wrap justify-between gap-2 py-2">
              <b>{s.name}</b>
              <span className="text-slate-600 dark:text-slate-300">
                {s.schema?.length ?? 0} fields · {s.record_count.toLocaleString()} records
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

function ProfileStep({ streams }: { streams: Stream[] }) {
  if (streams.length === 0)
    return <p className="text-slate-500 text-sm">Nothing to profile yet: start onboarding in step 1.</p>
  return (
    <div className="space-y-4">
      {streams.map((s) => (
        <section key={s.id} aria-label={`Profile of ${s.name}`}>
          <h3 className="font-bold">
            {s.name}{' '}
            <span className="font-normal text-slate-500 text-xs">
              {s.record_count.toLocaleString()} rows, {s.schema?.length ?? 0} fields
            </span>
          </h3>
          {s.schema ? (
            <SchemaTable schema={s.schema} profile={s.profile} />
          ) : (
            <p className="text-slate-500 text-sm">No schema yet: this stream has not been read.</p>
          )}
        </section>
      ))}
    </div>
  )
}

/** Edit a suggestion before accepting it: another target field or transform, written as an accepted version. */
function EditMapping({ mapping, onClose }: { mapping: MappingVersion; onClose: () => void }) {
  const [field, setField] = useState(mapping.field)
  const [transform, setTransform] = useState(mapping.transform)
  const save = useAction(async () => {
    await api('/v1/dcl/mappings', {
      body: {
        source_system: mapping.source_system,
        connection_id: mapping.connection_id,
        source_stream: mapping.source_stream,
        source_path: mapping.source_path,
        entity: mapping.entity,
        field,
        transform,
        status: 'accepted',
        note: 'edited during onboarding',
      },
    })
    onClose()
  })
  return (
    <Dialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={`Edit ${mapping.source_path}`}
      description={`Where ${mapping.source_stream}.${mapping.source_path} lands in the ${mapping.entity} view. Saving accepts it.`}
    >
      <div className="grid gap-3">
        <Field label={`${mapping.entity} field`}>
          <Input value={field} onChange={(e) => setField(e.target.value)} data-testid="onboard-edit-field" />
        </Field>
        <Field label="Transform">
          <TransformSelect value={transform} onChange={setTransform} />
        </Field>
        <DialogButtons
          onCancel={onClose}
          confirm={
            <Button busy={save.busy} onClick={() => void save.run()} data-testid="onboard-edit-save">
              <Check className="size-4" aria-hidden /> Save and accept
            </Button>
          }
        />
        <ProblemNote error={save.error} />
      </div>
    </Dialog>
  )
}

function MappingRow({ mapping }: { mapping: MappingVersion }) {
  const [editing, setEditing] = useState(false)
  const decide = useAction((decision: 'accept' | 'reject') =>
    api(`/v1/dcl/mappings/${mapping.id}/${decision}`, { body: { comment: 'decided during onboarding' } }),
  )
  return (
    <li className="space-y-1 py-2" data-testid="onboard-mapping">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <code className="[overflow-wrap:anywhere]">
          {mapping.source_path} → {mapping.entity}.{mapping.field}
        </code>
        {mapping.transform !== 'none' && <span className="text-slate-500 text-xs">({mapping.transform})</span>}
        <Badge tone={STATUS_TONE[mapping.status]}>{mapping.status}</Badge>
        <Confidence value={mapping.confidence} />
      </div>
      <EvidenceList evidence={mapping.evidence} className="text-slate-600 text-xs dark:text-slate-300" />
      {mapping.status === 'proposed' && (
        <div className="flex flex-wrap gap-2">
          <Button
            busy={decide.busy}
            onClick={() => void decide.run('accept')}
            aria-label={`Accept ${mapping.source_path}`}
          >
            <Check className="size-4" aria-hidden /> Accept
          </Button>
          <Button
            variant="secondary"
            busy={decide.busy}
            onClick={() => void decide.run('reject')}
            aria-label={`Reject ${mapping.source_path}`}
          >
            <X className="size-4" aria-hidden /> Reject
          </Button>
          <Button variant="ghost" onClick={() => setEditing(true)} aria-label={`Edit ${mapping.source_path}`}>
            <Pencil className="size-4" aria-hidden /> Edit
          </Button>
        </div>
      )}
      <ProblemNote error={decide.error} />
      {editing && <EditMapping mapping={mapping} onClose={() => setEditing(false)} />}
    </li>
  )
}

function MappingsStep({ streams, mappings, job }: { streams: Stream[]; mappings: MappingVersion[]; job: Job | null }) {
  const skipped = ((job?.result ?? {}) as OnboardingResult).skipped ?? []
  if (mappings.length === 0 && skipped.length === 0)
    return (
      <p className="text-slate-500 text-sm">
        {job && RUNNING.has(job.status)
          ? 'Suggestions appear here as soon as onboarding has made them.'
          : 'No suggestions yet: start onboarding in step 1.'}
      </p>
    )
  return (
    <div className="space-y-4" data-testid="onboard-mappings">
      {streams.map((s) => {
        const own = mappings.filter((m) => m.source_stream === s.name)
        if (own.length === 0) return null
        return (
          <section key={s.id} aria-label={`Mappings of ${s.name}`}>
            <h3 className="font-bold">
              {s.name} → {[...new Set(own.map((m) => m.entity))].join(', ')}
            </h3>
            <ul className="divide-y divide-slate-100 dark:divide-slate-800">
              {own.map((m) => (
                <MappingRow key={m.id} mapping={m} />
              ))}
            </ul>
          </section>
        )
      })}
      {skipped.map((s) => (
        <p key={s.stream} className="text-amber-800 text-sm dark:text-amber-200">
          <b>{s.stream}</b> got no suggestions: {s.reason}
        </p>
      ))}
    </div>
  )
}

/** The unified views each stream feeds (from its mappings), with the rows each view holds now. */
function proposedViews(mappings: MappingVersion[], views: ViewList['data']) {
  const live = mappings.filter((m) => m.status !== 'rejected' && m.status !== 'deprecated')
  return [...new Set(live.map((m) => m.entity))].map((entity) => ({
    entity,
    streams: [...new Set(live.filter((m) => m.entity === entity).map((m) => m.source_stream))],
    accepted: live.filter((m) => m.entity === entity && m.status === 'accepted').length,
    rows: views.find((v) => v.entity === entity)?.rows ?? 0,
  }))
}

function ViewsStep({ mappings, views }: { mappings: MappingVersion[]; views: ViewList['data'] }) {
  const proposed = proposedViews(mappings, views)
  if (proposed.length === 0)
    return <p className="text-slate-500 text-sm">No views proposed yet: they follow from the suggested mappings.</p>
  return (
    <ul className="divide-y divide-slate-100 text-sm dark:divide-slate-800" data-testid="onboard-views">
      {proposed.map((v) => (
        <li key={v.entity} className="flex flex-wrap items-center justify-between gap-2 py-2">
          <span>
            <b>{v.entity}</b> view, fed by {v.streams.join(', ')}
          </span>
          <span className="text-slate-600 dark:text-slate-300">
            {v.accepted} accepted mappings · <span data-testid="onboard-view-rows">{v.rows.toLocaleString()}</span> rows
            now ·{' '}
            <Link className="font-semibold text-blue-700 dark:text-blue-300" to={`/entities?entity=${v.entity}`}>
              Open
            </Link>
          </span>
        </li>
      ))}
    </ul>
  )
}

function FinishStep({
  connection,
  automation,
  mappings,
  job,
}: {
  connection: Connection
  automation: Automation
  mappings: MappingVersion[]
  job: Job | null
}) {
  const safeMode = automation.safe_mode || connection.safe_mode
  const waiting = mappings.filter((m) => m.status === 'proposed').length
  const accepted = mappings.filter((m) => m.status === 'accepted').length
  if (!job || RUNNING.has(job.status))
    return (
      <p className="text-slate-500 text-sm">
        {job ? 'Onboarding is still running; this step sums it up when it ends.' : 'Start onboarding in step 1 first.'}
      </p>
    )
  return (
    <div className="space-y-2 text-sm" data-testid="onboard-finish">
      <p>
        {accepted} mappings of {connection.name} are accepted; {waiting} wait for a decision.
      </p>
      {waiting > 0 && (
        <p>
          {safeMode
            ? 'Safe Mode is on, so nothing was applied: approve or reject the suggestions in AOS Review (or here in step 3).'
            : 'These were below the confidence threshold: decide them in AOS Review (or here in step 3).'}{' '}
          <Link className="font-semibold text-blue-700 underline dark:text-blue-300" to="/review">
            Open AOS Review
          </Link>
        </p>
      )}
      <p>
        <Link className="font-semibold text-blue-700 underline dark:text-blue-300" to={`/connections/${connection.id}`}>
          Back to {connection.name}
        </Link>
      </p>
    </div>
  )
}

export default function OnboardPage() {
  const { connection, streams, mappings, automation, views, job } = useLoaderData<typeof clientLoader>()
  const [, setSearchParams] = useSearchParams()
  const [step, setStep] = useState(0)
  const [rowsByStream, setRowsByStream] = useState<Record<string, number>>({})
  // Live: the job's progress and end, the sync's streams, new mapping versions and filled views.
  useRevalidateOn(['aos.job.*', 'aos.sync.completed', 'aos.mapping.changed', 'aos.dcl.entities.updated'])
  useOnEvent(['aos.sync.progress'], (event) => {
    const { connection_id, stream_id, rows } = event.data as { connection_id: string; stream_id: string; rows: number }
    if (connection_id === connection.id) setRowsByStream((seen) => ({ ...seen, [stream_id]: rows }))
  })
  const start = useAction(
    async () => {
      const started = await api<Job>('/v1/onboarding', { body: { connection_id: connection.id } })
      setRowsByStream({})
      setSearchParams({ job: started.id }, { replace: true })
      return started
    },
    { revalidate: false },
  )
  const panels = [
    <DiscoverStep key="discover" connection={connection} streams={streams} job={job} start={start} />,
    <ProfileStep key="profile" streams={streams} />,
    <MappingsStep key="mappings" streams={streams} mappings={mappings} job={job} />,
    <ViewsStep key="views" mappings={mappings} views={views} />,
    <FinishStep key="finish" connection={connection} automation={automation} mappings={mappings} job={job} />,
  ]
  return (
    <>
      <PageHeader
        title={`Onboard ${connection.name}`}
        description="Discover, profile, map and preview the views, then finish. Every step shows the live state of the run."
      />
      <div className="space-y-4">
        <SafeModeNotice connection={connection} automation={automation} />
        <JobProgress job={job} rowsRead={Object.values(rowsByStream).reduce((a, b) => a + b, 0)} />
        <Widget id="onboard.wizard" title={`Step ${step + 1} of ${STEPS.length}: ${STEPS[step]}`}>
          <StepList step={step} onPick={setStep} />
          {panels[step]}
          <div className="mt-4 flex justify-between gap-2">
            <Button variant="secondary" disabled={step === 0} onClick={() => setStep(step - 1)}>
              Back
            </Button>
            {step < STEPS.length - 1 && (
              <Button onClick={() => setStep(step + 1)} data-testid="onboard-next">
                Next: {STEPS[step + 1]}
              </Button>
            )}
          </div>
        </Widget>
      </div>
    </>
  )
}

export { PageError as ErrorBoundary } from '../components/page-error.tsx'
