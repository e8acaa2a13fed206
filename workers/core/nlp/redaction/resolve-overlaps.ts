import { type PiiSpan, TYPE_PRIORITY } from './pii-types.ts'

const rank = (a: PiiSpan, b: PiiSpan) =>
  TYPE_PRIORITY[b.type] - TYPE_PRIORITY[a.type] ||
  b.end - b.start - (a.end - a.start) ||
  b.score - a.score ||
  a.start - b.start

/**
 * Non-overlapping spans in text order. Candidates are taken best first (type priority, then length, then
 * score) and each is kept only if it overlaps nothing already kept; the kept list stays sorted, so every
 * check is a binary search.
 */
export function resolveOverlaps(candidates: readonly PiiSpan[]): PiiSpan[] {
  const kept: PiiSpan[] = []
  for (const candidate of [...candidates].filter((s) => s.end > s.start).sort(rank)) {
    let lo = 0
    let hi = kept.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if ((kept[mid] as PiiSpan).start < candidate.start) lo = mid + 1
      else hi = mid
    }
    const before = kept[lo - 1]
    const after = kept[lo]
    if (before && before.end > candidate.start) continue
    if (after && after.start < candidate.end) continue
    kept.splice(lo, 0, candidate)
  }
  return kept
}
