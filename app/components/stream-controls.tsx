import { Pause, Play } from 'lucide-react'
import { api } from '../lib/api.ts'
import type { Stream } from '../lib/types.ts'
import { useAction } from '../lib/use-action.ts'
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
