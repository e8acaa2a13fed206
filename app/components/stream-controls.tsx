import { Pause, Play } from 'lucide-react'
import { Link } from 'react-router'
import { api } from '../lib/api.ts'
import type { Stream } from '../lib/types.ts'
import { useAction } from '../lib/use-action.ts'
import { Badge } from './badge.tsx'
import { Button } from './button.tsx'
import { ProblemNote } from './problem-note.tsx'

/** Pause stops syncing the stream (stored data stays); resume picks up where it left off. */
export function PauseResume({ stream }: { stream: Stream }) {
  const action = stream.paused ? 'resume' : 'pause'
  const { run, busy, error } = useAction(() => api(`/v1/streams/${stream.id}/${action}`, { method: 'POST' }))
  return (
    <span className="inline-flex flex-col gap-1">
      <Button variant="secondary" busy={busy} onClick={() => void run()} data-testid={`stream-${action}`}>
        {stream.paused ? <Play className="size-4" aria-hidden /> : <Pause className="size-4" aria-hidden />}
        {stream.paused ? 'Resume' : 'Pause'}
      </Button>
      <ProblemNote error={error} />
    </span>
  )
}

/**
 * A stream's state: active or paused, and whether breaking drift holds its new records for review
 * (linking to the review on the Drift page).
 */
export function StreamStatus({ stream }: { stream: Stream }) {
  return (
    <span data-testid="stream-status">
      <Badge tone={stream.paused ? 'amber' : 'green'}>{stream.paused ? 'paused' : 'active'}</Badge>{' '}
      {stream.held_drift_id && (
        <Link to={`/drift?stream=${stream.id}`} data-testid="needs-review">
          <Badge tone="red">needs review</Badge>
        </Link>
      )}
      {stream.paused_reason && <span className="block text-slate-500 text-xs">{stream.paused_reason}</span>}
      {stream.held_drift_id && (
        <span className="block text-slate-500 text-xs">breaking drift: new records are held until someone decides</span>
      )}
    </span>
  )
}
