// Clusters from scored pairs without chaining: pairs are taken strongest first, and two clusters merge
// only if their records agree on average (mean match probability over every pair across them, scored on
// demand), never through one strong-looking link between two otherwise different groups; a pair of
// records with conflicting identifiers keeps their clusters apart.

export type ScoredPair = { readonly i: number; readonly j: number; readonly score: number }

export type ClusterOptions = {
  /** Score (log2 odds, prior included) at which a pair counts as a match. */
  threshold?: number
  /** A cross pair scoring at or below this vetoes a merge. */
  veto?: number
  /** Largest number of cross pairs scored for one merge; above it an even subsample is used. */
  maxCrossPairs?: number
}

const probability = (score: number) => 1 / (1 + 2 ** -score)

/**
 * Groups record indexes 0..n-1. `pairs` are the candidates (scored); `score(i, j)` scores any other
 * pair a merge needs. Returns clusters of indexes (singletons included), each sorted, in order of their
 * first member.
 */
export function clusterPairs(
  n: number,
  pairs: readonly ScoredPair[],
  score: (i: number, j: number) => number,
  options: ClusterOptions = {},
): number[][] {
  const threshold = options.threshold ?? 0
  const veto = options.veto ?? Number.NEGATIVE_INFINITY
  const maxCross = options.maxCrossPairs ?? 400
  // Scores by lower index, then higher: one flat map would pass a Map's 2^24-entry limit on a million
  // records (tens of millions of candidate pairs).
  const known = new Map<number, Map<number, number>>()
  const remember = (lo: number, hi: number, s: number) => {
    const row = known.get(lo)
    if (row) row.set(hi, s)
    else known.set(lo, new Map([[hi, s]]))
  }
  for (const p of pairs) remember(Math.min(p.i, p.j), Math.max(p.i, p.j), p.score)
  const pairScore = (i: number, j: number) => {
    const lo = Math.min(i, j)
    const hi = Math.max(i, j)
    let s = known.get(lo)?.get(hi)
    if (s === undefined) {
      s = score(lo, hi)
      remember(lo, hi, s)
    }
    return s
  }

  const clusterOf = Int32Array.from({ length: n }, (_, i) => i)
  const members = new Map<number, number[]>()
  for (let i = 0; i < n; i++) members.set(i, [i])

  const strongest = pairs
    .filter((p) => p.score >= threshold)
    .sort((p, q) => q.score - p.score || p.i - q.i || p.j - q.j)
  for (const { i, j } of strongest) {
    const ca = clusterOf[i] ?? i
    const cb = clusterOf[j] ?? j
    if (ca === cb) continue
    const a = members.get(ca) ?? []
    const b = members.get(cb) ?? []
    if (!agree(a, b, pairScore, threshold, veto, maxCross)) continue
    const [keep, drop] = a.length >= b.length ? [ca, cb] : [cb, ca]
    const moved = members.get(drop) ?? []
    for (const x of moved) clusterOf[x] = keep
    members.get(keep)?.push(...moved)
    members.delete(drop)
  }
  return [...members.values()].map((c) => c.sort((x, y) => x - y)).sort((x, y) => (x[0] ?? 0) - (y[0] ?? 0))
}

/** Whether two clusters are one entity: mean probability over their cross pairs above the threshold's, no veto. */
function agree(
  a: readonly number[],
  b: readonly number[],
  pairScore: (i: number, j: number) => number,
  threshold: number,
  veto: number,
  maxCross: number,
): boolean {
  const total = a.length * b.length
  const stride = total > maxCross ? total / maxCross : 1
  let sum = 0
  let count = 0
  for (let k = 0; k < total; k += stride) {
    const x = Math.floor(k)
    const s = pairScore(a[Math.floor(x / b.length)] ?? 0, b[x % b.length] ?? 0)
    if (s <= veto) return false
    sum += probability(s - threshold)
    count++
  }
  return sum / count >= 0.5
}
