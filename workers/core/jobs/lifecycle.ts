import type { JobStatus } from '../../contract/vocabulary/jobs.ts'

/** Exponential backoff with a cap: base, 2·base, 4·base, … ≤ 15 minutes. */
export const retryDelaySeconds = (attempt: number, baseSeconds: number) =>
  Math.min(900, Math.round(baseSeconds * 2 ** Math.max(0, attempt - 1)))

/** Statuses a consumer may (re)claim; `running` only once its lease has expired (a crashed consumer). */
export const CLAIMABLE: readonly JobStatus[] = ['queued', 'failed']
export const RUNNING_LEASE_SECONDS = 300

export const isFinal = (status: JobStatus) => ['succeeded', 'dead', 'cancelled'].includes(status)

export type CancelDecision = 'cancel_now' | 'request_cancel' | 'already_final'

/** Queued or waiting jobs stop at once; a running job is asked to stop and its handler honours it. */
export function cancelDecision(status: JobStatus): CancelDecision {
  if (status === 'running') return 'request_cancel'
  if (isFinal(status)) return 'already_final'
  return 'cancel_now'
}

/** Failure outcome after `attempts` tries out of `maxAttempts`. */
export const afterFailure = (attempts: number, maxAttempts: number): 'retry' | 'dead' =>
  attempts < maxAttempts ? 'retry' : 'dead'
