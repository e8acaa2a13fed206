// Optimal-string-alignment (Damerau) distance: one transposition ('nmae' -> 'name') costs 1,
// which plain Levenshtein would count as 2. `max` bounds the work: callers only care about tiny
// distances, so rows stop as soon as every cell exceeds it. Entity resolution calls it hundreds of
// thousands of times a run, so the three rows are reused between calls (it is synchronous).

let rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)] as const

export function osaDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0
  if (Math.abs(a.length - b.length) > max) return max + 1
  if (a.length === 0) return b.length
  if (b.length === 0) return a.length
  const n = b.length
  if (rows[0].length <= n) rows = [new Int32Array(2 * n), new Int32Array(2 * n), new Int32Array(2 * n)]
  let [prev2, prev, cur] = rows
  for (let j = 0; j <= n; j++) prev[j] = j
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i
    let rowMin = i
    const ca = a.charCodeAt(i - 1)
    for (let j = 1; j <= n; j++) {
      const cb = b.charCodeAt(j - 1)
      const cost = ca === cb ? 0 : 1
      let v = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost)
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) {
        v = Math.min(v, (prev2[j - 2] ?? 0) + 1)
      }
      cur[j] = v
      if (v < rowMin) rowMin = v
    }
    if (rowMin > max) return max + 1
    const t = prev2
    prev2 = prev
    prev = cur
    cur = t
  }
  return prev[n] ?? 0
}
