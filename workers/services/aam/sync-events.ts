// What a sync tells the tenant's hub about one stream: progress while it runs, a pause when drift under
// the `pause` policy stops it, a hold when breaking drift under `propagate` awaits review (and its
// decision and release), and the totals when it completes. Shared by every source kind.
import { publishEvent } from '../../adapters/events.ts'
import { type RowCounts, rowCounts } from '../../core/aam/row-counts.ts'
import { cloudEvent } from '../../core/events/cloud-event.ts'
import type { Env } from '../../env.ts'

type StreamRef = { id: string; name: string; connectionId: string }

type DriftReviewEvent = 'aos.drift.held' | 'aos.drift.accepted' | 'aos.drift.rejected' | 'aos.drift.released'

const EVERY_MS = 2000

const announce = (
  env: Env,
  tenantId: string,
  type: 'aos.sync.progress' | 'aos.sync.completed' | 'aos.stream.paused' | DriftReviewEvent,
  stream: StreamRef,
  data: Record<string, unknown> = {},
) =>
  publishEvent(
    env,
    cloudEvent(
      tenantId,
      type,
      { connection_id: stream.connectionId, stream_id: stream.id, stream: stream.name, ...data },
      `streams/${stream.id}`,
    ),
  )

/** `aos.sync.progress` at most every two seconds, so a million-row sync shows movement without flooding the log. */
export function syncProgress(env: Env, tenantId: string, stream: StreamRef, now: () => number = Date.now) {
  let last = now()
  return async (counts: RowCounts) => {
    if (now() - last < EVERY_MS) return
    last = now()
    await announce(env, tenantId, 'aos.sync.progress', stream, { ...rowCounts(counts) })
  }
}

export const announceStreamPaused = (env: Env, tenantId: string, stream: StreamRef) =>
  announce(env, tenantId, 'aos.stream.paused', stream)

export const announceSyncCompleted = (
  env: Env,
  tenantId: string,
  stream: StreamRef,
  outcome: RowCounts & { drift: unknown[] },
  extra: Record<string, unknown> = {},
) =>
  announce(env, tenantId, 'aos.sync.completed', stream, {
    ...extra,
    ...rowCounts(outcome),
    drift_changes: outcome.drift.length,
  })

/** A stream held for review, the decision on it, and the decision applied (its held records released). */
export const announceDriftReview = (
  env: Env,
  tenantId: string,
  type: DriftReviewEvent,
  stream: StreamRef,
  data: { drift_id: string } & Record<string, unknown>,
) => announce(env, tenantId, type, stream, data)
