import type { RowCounts } from '../lib/types.ts'

/** A sync result, file or connection says what became of each row it read. */
export const isRowCounts = (value: unknown): value is RowCounts =>
  typeof value === 'object' &&
  value !== null &&
  ['rows', 'stored', 'quarantined', 'skipped'].every((k) => typeof (value as Record<string, unknown>)[k] === 'number')

/** "10 read: 4 stored · 5 quarantined · 1 skipped (blank line 1)": every row read, accounted for. */
export function RowCountsLine({ counts }: { counts: RowCounts }) {
  const reasons = Object.entries(counts.skipped_reasons)
    .map(([reason, n]) => `${reason} ${n.toLocaleString()}`)
    .join(', ')
  return (
    <span data-testid="row-counts">
      {counts.rows.toLocaleString()} read: {counts.stored.toLocaleString()} stored ·{' '}
      <span className={counts.quarantined > 0 ? 'text-rose-700 dark:text-rose-300' : ''}>
        {counts.quarantined.toLocaleString()} quarantined
      </span>{' '}
      {counts.held ? (
        <span className="text-amber-700 dark:text-amber-300">· {counts.held.toLocaleString()} held for review </span>
      ) : null}
      · {counts.skipped.toLocaleString()} skipped{reasons && ` (${reasons})`}
    </span>
  )
}
