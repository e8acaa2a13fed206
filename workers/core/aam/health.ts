import type { JobStatus } from '../../contract/vocabulary/jobs.ts'

// A connection's health, one derivation for the API, the dashboard and every console page, so a
// connection never looks healthy in one place and failing in another.

export const HEALTH_STATES = ['healthy', 'syncing', 'failing', 'paused', 'needs_review', 'never_synced'] as const
export type HealthState = (typeof HEALTH_STATES)[number]

/** The connection's latest sync job that was not cancelled (a cancel says nothing about the source). */
export interface LatestSync {
  status: JobStatus
  attempts: number
  maxAttempts: number
  lastError: string | null
  nextRunAt: Date | null
}

export interface HealthInput {
  draft: boolean
  lastSyncedAt: Date | null
  /** When the schedule queues the next sync; null when the connection syncs only on demand. */
  nextSyncAt: Date | null
  latestSync: LatestSync | null
  /** Streams paused by the `pause` drift policy. */
  pausedStreams: number
  /** Streams whose breaking drift is held for review (`propagate`): their records wait in held_records. */
  heldStreams: number
}

export interface Health {
  state: HealthState
  reason: string
  last_error: string | null
  next_retry_at: string | null
}

const streamsText = (n: number) => (n === 1 ? '1 stream' : `${n} streams`)

/**
 * Failing outranks everything (nothing new arrives), then drift awaiting a person, then paused streams;
 * a sync in flight says "syncing" only when nothing needs attention.
 */
export function connectionHealth(input: HealthInput): Health {
  const sync = input.latestSync
  const ok = (state: HealthState, reason: string): Health => ({
    state,
    reason,
    last_error: null,
    next_retry_at: null,
  })
  if (sync?.status === 'failed') {
    // A failed attempt with attempts left: the queue retries it at next_run_at.
    const left = sync.maxAttempts - sync.attempts
    return {
      state: 'failing',
      reason: `The last sync failed (attempt ${sync.attempts} of ${sync.maxAttempts}); it is retried automatically ${left === 1 ? 'once more' : `${left} more times`}.`,
      last_error: sync.lastError,
      next_retry_at: sync.nextRunAt?.toISOString() ?? null,
    }
  }
  if (sync?.status === 'dead') {
    const retry = input.nextSyncAt
    return {
      state: 'failing',
      reason: `The last sync failed ${sync.attempts === 1 ? 'once' : `${sync.attempts} times`} and gave up. ${
        retry ? 'The schedule tries again' : 'Fix the cause and sync again'
      }.`,
      last_error: sync.lastError,
      next_retry_at: retry?.toISOString() ?? null,
    }
  }
  if (input.heldStreams > 0)
    return ok(
      'needs_review',
      `Breaking drift on ${streamsText(input.heldStreams)} is held for review; its records wait until you accept or reject it.`,
    )
  if (input.pausedStreams > 0)
    return ok('paused', `${streamsText(input.pausedStreams)} paused on drift; resume them to sync their records.`)
  if (sync?.status === 'queued' || sync?.status === 'running')
    return ok('syncing', sync.status === 'running' ? 'A sync is running.' : 'A sync is queued.')
  if (input.draft) return ok('never_synced', 'Imported from asset discovery: add its credentials to sync it.')
  if (!input.lastSyncedAt) return ok('never_synced', 'Not synced yet.')
  return ok('healthy', 'The last sync succeeded.')
}
