import { Check, Inbox, Pencil, Undo2, X } from 'lucide-react'
import { useEffect, useState } from 'react'
import { Link, useLoaderData } from 'react-router'
import { Badge, type Tone } from '../components/badge.tsx'
import { Button } from '../components/button.tsx'
import { Dialog, DialogButtons } from '../components/dialog.tsx'
import { EvidenceList } from '../components/evidence-list.tsx'
import { Input } from '../components/form.tsx'
import { PageHeader } from '../components/page-header.tsx'
import { ProblemNote } from '../components/problem-note.tsx'
import { TransformSelect } from '../components/transform-select.tsx'
import { Widget } from '../components/widget.tsx'
import { api } from '../lib/api.ts'
import { useRevalidateOn } from '../lib/live-events.tsx'
import { pageTitle } from '../lib/nav.ts'
import type {
  Automation,
  Page,
  Repair,
  RepairWrite,
  ReviewDecisionResults,
  ReviewItem,
  ReviewQueue,
} from '../lib/types.ts'
import { useAction } from '../lib/use-action.ts'
import { usePages } from '../lib/use-pages.ts'
import type { Route } from './+types/review'

export const meta = () => pageTitle('Review')

type Decision = 'approve' | 'reject'
/** A decision that did not go through, with its item's summary as it was when sent (the item may be gone since). */
type Failure = ReviewDecisionResults['results'][number] & { summary: string }

/** Newest first, paged: the ones still waiting are in the queue above, so the list leaves them out. */
const RECENT_REPAIRS = '/v1/repairs?limit=50'

export async function clientLoader(_: Route.ClientLoaderArgs) {
  const [queue, repairs, automation] = await Promise.all([
    api<ReviewQueue>('/v1/review'),
    api<Page<Repair>>(RECENT_REPAIRS),
    api<Automation>('/v1/settings/automation'),
  ])
  return { queue, repairs, automation }
}

const TYPE_TONE: Record<ReviewItem['type'], Tone> = { drift: 'red', repair: 'purple', mapping: 'blue' }
const STATUS_TONE: Record<Repair['status'], Tone> = {
  proposed: 'amber',
  applied: 'green',
  rejected: 'grey',
  reverted: 'amber',
}

const where = (i: { connection: string | null; stream: string | null }) =>
  [i.connection, i.stream].filter(Boolean).join(' / ') || 'workspace'

function Confidence({ value }: { value: number | null }) {
  if (value === null) return <span className="text-slate-500 text-xs">no confidence (a schema change)</span>
  const pct = Math.round(value * 100)
  return (
    <span className="inline-flex items-center gap-2 text-xs">
      <span className="h-2 w-24 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700" aria-hidden>
        <span
          className={`block h-full ${pct >= 80 ? 'bg-emerald-500' : pct >= 60 ? 'bg-amber-500' : 'bg-rose-500'}`}
          style={{ width: `${pct}%` }}
        />
      </span>
      <span>{pct}% confident</span>
    </span>
  )
}

/** The registry before and after approving, one row per target field: retired sources left, new ones right. */
function DiffTable({ diff }: { diff: ReviewItem['diff'] }) {
  if (diff.length === 0) return <p className="text-slate-500 text-xs">Approving changes no mapping.</p>
  const targets = [...new Set(diff.map((d) => d.target))]
  const line = (d: ReviewItem['diff'][number]) => (
    <span key={`${d.change}-${d.source_path}`} className="block">
      {d.change === 'retire' ? <s>{d.source_path}</s> : <code>{d.source_path}</code>} → <code>{d.target}</code>
      {d.transform !== 'none' && <span className="text-slate-500"> ({d.transform})</span>}
    </span>
  )
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-xs" data-testid="review-diff">
        <thead>
          <tr className="text-slate-500">
            <th className="py-1 pr-3 font-medium">Before (retired)</th>
            <th className="py-1 font-medium">After (mapped)</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 font-mono dark:divide-slate-800">
          {targets.map((t) => (
            <tr key={t}>
              <td className="py-1 pr-3 align-top">
                {diff.filter((d) => d.target === t && d.change === 'retire').map(line)}
              </td>
              <td className="py-1 align-top">{diff.filter((d) => d.target === t && d.change === 'map').map(line)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/** Edit, then approve: the `map` lines' target field and transform can change before the repair is written. */
function EditRepair({ item, onClose }: { item: ReviewItem; onClose: () => void }) {
  const [writes, setWrites] = useState<RepairWrite[] | null>(null)
  // Keys from the proposal as loaded, so editing a line's target never remounts its inputs.
  const [keys, setKeys] = useState<string[]>([])
  const [comment, setComment] = useState('')
  const [loadError, setLoadError] = useState<unknown>(null)
  useEffect(() => {
    api<Repair>(`/v1/repairs/${item.id}`).then((r) => {
      setKeys(r.writes.map((w) => `${w.status}:${w.source_path}:${w.entity}.${w.field}`))
      setWrites(r.writes)
    }, setLoadError)
  }, [item.id])
  const approve = useAction(async () => {
    await api(`/v1/repairs/${item.id}/approve`, {
      body: { writes: writes ?? [], ...(comment.trim() ? { comment: comment.trim() } : {}) },
    })
    onClose()
  })
  const edit = (index: number, patch: Partial<RepairWrite>) =>
    setWrites((ws) => ws?.map((w, i) => (i === index ? { ...w, ...patch } : w)) ?? null)
  return (
    <Dialog
      open
      onOpenChange={(open) => !open && onClose()}
      title="Edit, then approve"
      description="Change where the repaired field lands or how it is re-shaped; approving writes these entries instead of the proposal's."
    >
      {writes && (
        <ul className="space-y-3 text-sm" data-testid="repair-edit">
          {writes.map((w, i) =>
            w.status === 'accepted' ? (
              <li key={keys[i]} className="space-y-1">
                <code className="block">{w.source_path} →</code>
                <div className="flex flex-wrap gap-2">
                  <Input
                    className="w-28"
                    aria-label={`Entity for ${w.source_path}`}
                    value={w.entity}
                    onChange={(e) => edit(i, { entity: e.target.value })}
                  />
                  <Input
                    className="w-40"
                    aria-label={`Field for ${w.source_path}`}
                    value={w.field}
                    onChange={(e) => edit(i, { field: e.target.value })}
                  />
                  <TransformSelect
                    className="w-44"
                    aria-label={`Transform for ${w.source_path}`}
                    value={w.transform}
                    onChange={(transform) => edit(i, { transform })}
                  />
                </div>
              </li>
            ) : (
              <li key={keys[i]} className="text-slate-500">
                <s>{w.source_path}</s> → {w.entity}.{w.field} is retired
              </li>
            ),
          )}
        </ul>
      )}
      <Input
        className="mt-3"
        placeholder="Comment (optional)"
        aria-label="Approval comment"
        maxLength={1000}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
      />
      <DialogButtons
        onCancel={onClose}
        confirm={
          <Button
            busy={approve.busy}
            disabled={!writes}
            onClick={() => void approve.run()}
            data-testid="repair-edit-approve"
          >
            <Check className="size-4" aria-hidden /> Approve edited repair
          </Button>
        }
      />
      <div className="mt-2">
        <ProblemNote error={loadError ?? approve.error} />
      </div>
    </Dialog>
  )
}

function ItemCard({
  item,
  selected,
  onSelect,
  decide,
}: {
  item: ReviewItem
  selected: boolean
  onSelect: (on: boolean) => void
  decide: (decision: Decision, comment: string) => Promise<unknown>
}) {
  const [comment, setComment] = useState('')
  const [editing, setEditing] = useState(false)
  const run = useAction((decision: Decision) => decide(decision, comment))
  return (
    <li
      className="rounded-lg border border-slate-200 p-3 dark:border-slate-800"
      data-testid={`review-item-${item.type}`}
    >
      <div className="flex items-start gap-3">
        <input
          type="checkbox"
          className="mt-1 size-4"
          checked={selected}
          onChange={(e) => onSelect(e.target.checked)}
          aria-label={`Select: ${item.summary}`}
        />
        <div className="min-w-0 flex-1 space-y-2">
          <div className="flex flex-wrap items-center gap-2 text-sm">
            <Badge tone={TYPE_TONE[item.type]}>{item.type}</Badge>
            <span className="font-semibold">{item.summary}</span>
          </div>
          <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-slate-600 text-xs dark:text-slate-300">
            <span>{where(item)}</span>
            <time dateTime={item.created_at}>{new Date(item.created_at).toLocaleString()}</time>
            <Confidence value={item.confidence} />
            <span>{item.rows_affected.toLocaleString()} rows affected</span>
          </div>
          <EvidenceList evidence={item.evidence} className="text-sm" />
          <DiffTable diff={item.diff} />
          <div className="flex flex-wrap items-center gap-2">
            <Input
              className="max-w-xs"
              placeholder="Comment (optional)"
              aria-label={`Comment on: ${item.summary}`}
              maxLength={1000}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
            />
            <Button busy={run.busy} onClick={() => void run.run('approve')} data-testid="review-approve">
              <Check className="size-4" aria-hidden /> Approve
            </Button>
            <Button
              variant="secondary"
              busy={run.busy}
              onClick={() => void run.run('reject')}
              data-testid="review-reject"
            >
              <X className="size-4" aria-hidden /> Reject
            </Button>
            {item.type === 'repair' && item.diff.some((d) => d.change === 'map') && (
              <Button variant="ghost" onClick={() => setEditing(true)} data-testid="review-edit">
                <Pencil className="size-4" aria-hidden /> Edit then approve
              </Button>
            )}
          </div>
          <ProblemNote error={run.error} />
        </div>
      </div>
      {editing && <EditRepair item={item} onClose={() => setEditing(false)} />}
    </li>
  )
}

/** Decisions that did not go through, each with the API's own detail (which says what to do next). */
function FailureList({ failures }: { failures: Failure[] }) {
  if (failures.length === 0) return null
  return (
    <div
      role="alert"
      className="rounded-lg border border-rose-300 bg-rose-50 p-3 text-rose-900 text-sm dark:border-rose-800 dark:bg-rose-950/60 dark:text-rose-100"
    >
      <p className="font-semibold">
        {failures.length === 1 ? '1 decision' : `${failures.length} decisions`} did not go through (any others did);
        what to do:
      </p>
      <ul className="list-disc pl-5">
        {failures.map((f) => (
          <li key={f.id}>
            {f.summary}: {f.problem?.detail || f.problem?.title}
          </li>
        ))}
      </ul>
    </div>
  )
}

function RecentRepairs({ first }: { first: Page<Repair> }) {
  const pages = usePages(first, RECENT_REPAIRS)
  const repairs = pages.items.filter((r) => r.status !== 'proposed')
  const revert = useAction((id: string) => api(`/v1/repairs/${id}/revert`, { body: {} }))
  if (repairs.length === 0 && !pages.hasMore)
    return <p className="text-slate-500 text-sm">No repair has been applied, rejected or reverted yet.</p>
  return (
    <>
      <ul className="divide-y divide-slate-100 text-sm dark:divide-slate-800" data-testid="recent-repairs">
        {repairs.map((r) => (
          <li key={r.id} className="flex flex-wrap items-center gap-2 py-2">
            <Badge tone={STATUS_TONE[r.status]}>{r.status}</Badge>
            <span className="min-w-0 flex-1">
              {r.summary}
              <span className="block text-slate-500 text-xs">
                {r.decided_by?.type === 'system' ? 'by the engine' : 'by a person'}
                {r.decided_at && <> · {new Date(r.decided_at).toLocaleString()}</>}
                {r.comment && <> · “{r.comment}”</>}
              </span>
            </span>
            {r.status === 'applied' && (
              <Button
                variant="secondary"
                busy={revert.busy}
                onClick={() => void revert.run(r.id)}
                data-testid="repair-revert"
              >
                <Undo2 className="size-4" aria-hidden /> Revert
              </Button>
            )}
          </li>
        ))}
      </ul>
      {pages.hasMore && (
        <Button
          variant="secondary"
          busy={pages.busy}
          onClick={() => void pages.more()}
          data-testid="recent-repairs-more"
        >
          Show older repairs
        </Button>
      )}
      <ProblemNote error={revert.error ?? pages.error} />
    </>
  )
}

export default function ReviewPage() {
  const { queue, repairs, automation } = useLoaderData<typeof clientLoader>()
  useRevalidateOn(['aos.repair.*', 'aos.drift.*', 'aos.mapping.changed'])
  const [selected, setSelected] = useState<Set<string>>(new Set())
  const [failures, setFailures] = useState<Failure[]>([])
  const [bulkComment, setBulkComment] = useState('')
  const items = [...queue.data].sort((a, b) => b.created_at.localeCompare(a.created_at))
  const chosen = items.filter((i) => selected.has(i.id))

  const send = async (list: ReviewItem[], decision: Decision, comment: string) => {
    const { results } = await api<ReviewDecisionResults>('/v1/review/decisions', {
      body: {
        decisions: list.map((i) => ({
          type: i.type,
          id: i.id,
          decision,
          ...(comment.trim() ? { comment: comment.trim() } : {}),
        })),
      },
    })
    const failed = results
      .filter((r) => !r.ok)
      .map((r) => ({ ...r, summary: list.find((i) => i.id === r.id)?.summary ?? r.type }))
    setFailures(failed)
    setSelected(new Set(failed.map((f) => f.id)))
  }
  const bulk = useAction((decision: Decision) => send(chosen, decision, bulkComment))
  const toggle = (id: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s)
      if (on) next.add(id)
      else next.delete(id)
      return next
    })

  const modeText = automation.safe_mode
    ? 'Safe Mode is on for the workspace: every repair waits here for a person, however sure the engine is.'
    : `Safe Mode is off: a repair at or above ${Math.round(automation.repair_threshold * 100)}% confidence on a connection outside Safe Mode applies itself; the rest wait here.`

  return (
    <>
      <PageHeader
        title="AOS Review"
        description="Everything that waits for a person: drift held for review, repairs the engine proposed, and mapping suggestions. Approving writes the diff shown to the mapping registry."
      />
      <div className="grid gap-4 lg:grid-cols-3">
        <Widget id="review.counts" title="Waiting">
          <ul className="flex flex-wrap gap-2 text-sm" data-testid="review-counts">
            {(['drift', 'repair', 'mapping'] as const).map((t) => (
              <li key={t}>
                <Badge tone={TYPE_TONE[t]}>
                  {queue.counts[t]} {t}
                </Badge>
              </li>
            ))}
          </ul>
          <p className="mt-3 text-slate-600 text-xs dark:text-slate-300">
            {modeText}{' '}
            <Link to="/settings" className="text-blue-600 underline dark:text-blue-400">
              Automation settings
            </Link>
          </p>
        </Widget>
        <Widget id="review.queue" title="Review queue" className="lg:col-span-2">
          {/* Above the list and outside it: what did not go through stays said after the queue refreshes, even empty. */}
          <div className="mb-3 space-y-2 empty:hidden">
            <FailureList failures={failures} />
            <ProblemNote error={bulk.error} />
          </div>
          {items.length === 0 ? (
            <div className="py-8 text-center text-slate-500 text-sm" data-testid="review-empty">
              <Inbox className="mx-auto mb-2 size-8" aria-hidden />
              Nothing waits for review. Breaking drift held by a connection's policy, repairs the engine proposes (all
              of them while Safe Mode is on, otherwise those below the repair threshold) and mapping suggestions land
              here.
            </div>
          ) : (
            <>
              <div className="mb-3 flex flex-wrap items-center gap-2">
                <label className="flex items-center gap-2 text-sm">
                  <input
                    type="checkbox"
                    className="size-4"
                    checked={chosen.length === items.length}
                    onChange={(e) => setSelected(new Set(e.target.checked ? items.map((i) => i.id) : []))}
                  />
                  Select all
                </label>
                <Input
                  className="max-w-xs"
                  placeholder="Comment for the selected (optional)"
                  aria-label="Comment for the selected"
                  maxLength={1000}
                  value={bulkComment}
                  onChange={(e) => setBulkComment(e.target.value)}
                />
                <Button
                  disabled={chosen.length === 0}
                  busy={bulk.busy}
                  onClick={() => void bulk.run('approve')}
                  data-testid="review-bulk-approve"
                >
                  Approve {chosen.length || ''} selected
                </Button>
                <Button
                  variant="secondary"
                  disabled={chosen.length === 0}
                  busy={bulk.busy}
                  onClick={() => void bulk.run('reject')}
                  data-testid="review-bulk-reject"
                >
                  Reject {chosen.length || ''} selected
                </Button>
              </div>
              <ol className="space-y-3" data-testid="review-list">
                {items.map((item) => (
                  <ItemCard
                    key={item.id}
                    item={item}
                    selected={selected.has(item.id)}
                    onSelect={(on) => toggle(item.id, on)}
                    decide={(decision, comment) => send([item], decision, comment)}
                  />
                ))}
              </ol>
            </>
          )}
        </Widget>
        <Widget id="review.recent-repairs" title="Recent repairs" className="lg:col-span-3">
          <RecentRepairs first={repairs} />
        </Widget>
      </div>
    </>
  )
}

export { PageError as ErrorBoundary } from '../components/page-error.tsx'
