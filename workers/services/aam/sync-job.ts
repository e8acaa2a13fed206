import { emptyCounts, type RowCounts } from '../../core/aam/row-counts.ts'
import type { DriftChange } from '../../core/aam/schema-snapshot.ts'

/** What a sync needs from the job that runs it. */
export interface SyncJob {
  tenantId: string
  jobId: string
  /** True once someone asked to cancel the job; a sync checks it between files, streams and batches. */
  isCancelled(): Promise<boolean>
}

export type SyncResult = { status: 'succeeded'; result: Record<string, unknown> } | { status: 'cancelled' }

/** What syncing one stream (a file of it, or a source stream) did: every row read accounted for. */
export interface StreamOutcome extends RowCounts {
  drift: DriftChange[]
  /** The stream is paused (before or by this sync's drift): nothing of it was stored. */
  paused: boolean
}

export const emptyOutcome = (): StreamOutcome => ({ ...emptyCounts(), drift: [], paused: false })
