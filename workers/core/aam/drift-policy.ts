import type { DriftPolicy } from './connections.ts'
import type { DriftChange } from './schema-snapshot.ts'

export interface PolicyDecision {
  /** What the drift record says happened. */
  action: 'recorded' | 'propagated' | 'held_for_review' | 'frozen' | 'paused'
  /** Whether the stream's current schema becomes the newly observed one. */
  adoptSchema: boolean
  /**
   * What happens to this sync's records: stored; quarantined; held (read into the holding area until a
   * human accepts or rejects the drift); or left waiting in the source (the stream pauses).
   */
  records: 'store' | 'quarantine' | 'hold' | 'wait'
}

export const isBreaking = (changes: readonly DriftChange[]) => changes.some((c) => c.severity === 'breaking')

/**
 * Applies a connection's drift policy to one detected change set. Nothing here drops data: frozen
 * records go to quarantine with the reason, held ones to the holding area until a human decides,
 * paused ones stay in the source until a human resumes.
 */
export function decidePolicy(policy: DriftPolicy, changes: readonly DriftChange[]): PolicyDecision {
  switch (policy) {
    case 'ignore':
      return { action: 'recorded', adoptSchema: true, records: 'store' }
    case 'propagate_all':
      return { action: 'propagated', adoptSchema: true, records: 'store' }
    case 'propagate':
      return isBreaking(changes)
        ? { action: 'held_for_review', adoptSchema: false, records: 'hold' }
        : { action: 'propagated', adoptSchema: true, records: 'store' }
    case 'freeze':
      return { action: 'frozen', adoptSchema: false, records: 'quarantine' }
    case 'pause':
      return { action: 'paused', adoptSchema: true, records: 'wait' }
  }
}

/** A one-line summary for quarantine reasons and notifications, e.g. "renamed Email → email". */
export function summarizeChanges(changes: readonly DriftChange[], limit = 3): string {
  const parts = changes.slice(0, limit).map((c) => {
    if (c.kind === 'renamed') return `renamed ${c.from} → ${c.to}`
    if (c.kind === 'type_changed') return `${c.path} ${c.from} → ${c.to}`
    if (c.kind === 'nullability_changed') return `${c.path} ${c.from} → ${c.to}`
    return `${c.kind} ${c.path}`
  })
  return changes.length > limit ? `${parts.join(', ')} and ${changes.length - limit} more` : parts.join(', ')
}
