// Every row a sync reads is accounted for: rows = stored + quarantined + held + skipped, and each
// skipped row has a reason. The same counts are reported per file, per stream, per sync and per connection.

export interface RowCounts {
  /** Rows read: every record of a file (malformed ones included) and every blank line; every row of a source. */
  rows: number
  /** Newly stored by this sync. */
  stored: number
  /** Newly quarantined by this sync, each with its reason. */
  quarantined: number
  /** Kept in the holding area by this sync: its stream awaits a decision on breaking drift (policy `propagate`). */
  held: number
  /** None of these, on purpose: the reasons below add up to this. */
  skipped: number
  skipped_reasons: Partial<Record<SkipReason, number>>
}

export const SKIP_REASONS = {
  /** A blank line in a file carries no record. */
  blankLine: 'blank line',
  /** The same record (same event id) was stored before: a re-read after a retry, or an unchanged source row. */
  alreadyStored: 'already stored',
  /** The same file line was quarantined before (a re-read after a retry). */
  alreadyQuarantined: 'already quarantined',
  /** The same record (same event id) is already in the holding area (a re-read while its stream is held). */
  alreadyHeld: 'already held',
} as const
export type SkipReason = (typeof SKIP_REASONS)[keyof typeof SKIP_REASONS]

export const emptyCounts = (): RowCounts => ({
  rows: 0,
  stored: 0,
  quarantined: 0,
  held: 0,
  skipped: 0,
  skipped_reasons: {},
})

/** Counts `n` of the rows read as skipped for `reason` (their reading is counted where they are read). */
export function addSkipped(counts: RowCounts, reason: SkipReason, n: number): void {
  if (n <= 0) return
  counts.skipped += n
  counts.skipped_reasons[reason] = (counts.skipped_reasons[reason] ?? 0) + n
}

export function addCounts(into: RowCounts, from: RowCounts): void {
  into.rows += from.rows
  into.stored += from.stored
  into.quarantined += from.quarantined
  into.held += from.held
  for (const [reason, n] of Object.entries(from.skipped_reasons) as [SkipReason, number][]) {
    into.skipped += n
    into.skipped_reasons[reason] = (into.skipped_reasons[reason] ?? 0) + n
  }
}

/** Just the counts, for a stored or presented copy (a stream outcome carries more). */
export const rowCounts = ({ rows, stored, quarantined, held, skipped, skipped_reasons }: RowCounts): RowCounts => ({
  rows,
  stored,
  quarantined,
  held,
  skipped,
  skipped_reasons: { ...skipped_reasons },
})
