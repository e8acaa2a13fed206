import { Check, X } from 'lucide-react'
import { useState } from 'react'
import { api } from '../lib/api.ts'
import type { DriftRecord } from '../lib/types.ts'
import { useAction } from '../lib/use-action.ts'
import { Badge } from './badge.tsx'
import { Button } from './button.tsx'
import { Input } from './form.tsx'
import { ProblemNote } from './problem-note.tsx'

type Review = NonNullable<DriftRecord['review']>

/** Where a drift's review stands: how many records wait, or who decided and what they said. */
export function ReviewStatus({ review }: { review: Review }) {
  if (review.status === 'pending')
    return (
      <span className="text-sm" data-testid="review-status">
        <Badge tone="red">needs review</Badge> {review.held_records.toLocaleString()} records held, none stored or lost
      </span>
    )
  return (
    <span className="text-sm" data-testid="review-status">
      <Badge tone={review.status === 'accepted' ? 'green' : 'amber'}>{review.status}</Badge>{' '}
      {review.decided_at && new Date(review.decided_at).toLocaleString()}
      {review.comment && <> · “{review.comment}”</>}
      {review.held_records > 0 && (
        <> · releasing {review.held_records.toLocaleString()} held records at the next sync</>
      )}
    </span>
  )
}

/**
 * Accept (adopt the new schema, store the held records under it) or reject (keep the schema,
 * quarantine the held records) breaking drift held for review. A decision is final.
 */
export function DriftReviewActions({ drift }: { drift: DriftRecord }) {
  const [comment, setComment] = useState('')
  const decide = useAction((decision: 'accept' | 'reject') =>
    api(`/v1/streams/${drift.stream_id}/drift/${drift.id}/${decision}`, {
      method: 'POST',
      body: comment.trim() ? { comment: comment.trim() } : {},
    }),
  )
  return (
    <div className="mt-2 flex flex-col gap-2" data-testid="drift-review">
      <div className="flex flex-wrap items-center gap-2">
        <Input
          className="max-w-sm"
          placeholder="Comment (optional)"
          maxLength={1000}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          aria-label="Review comment"
        />
        <Button busy={decide.busy} onClick={() => void decide.run('accept')} data-testid="drift-accept">
          <Check className="size-4" aria-hidden /> Accept new schema
        </Button>
        <Button
          variant="secondary"
          busy={decide.busy}
          onClick={() => void decide.run('reject')}
          data-testid="drift-reject"
        >
          <X className="size-4" aria-hidden /> Reject
        </Button>
      </div>
      <p className="text-slate-500 text-xs">
        Accept: the stream adopts this schema and stores the held records under it, in the order they were read. Reject:
        the schema stays and the held records are quarantined with the reason (each can be replayed).
      </p>
      <ProblemNote error={decide.error} />
    </div>
  )
}
