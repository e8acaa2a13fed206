// String similarity for fuzzy comparison: Jaro-Winkler for short names (typos near the end cost less than
// at the start), Damerau-Levenshtein for codes and dates (a transposition is one error), and a token-set
// score for multi-word values whose words may be reordered, split or joined.

// Scratch buffers reused across calls: comparisons run millions of times and are synchronous.
let flagsA = new Uint8Array(64)
let flagsB = new Uint8Array(64)
let rows = [new Uint16Array(64), new Uint16Array(64), new Uint16Array(64)] as const

/** Jaro-Winkler similarity in [0, 1]; 1 for identical strings, 0 when either is empty. */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return a.length > 0 ? 1 : 0
  const la = a.length
  const lb = b.length
  if (la === 0 || lb === 0) return 0
  const window = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1)
  if (flagsA.length < la) flagsA = new Uint8Array(la * 2)
  if (flagsB.length < lb) flagsB = new Uint8Array(lb * 2)
  const matchedA = flagsA
  const matchedB = flagsB
  matchedA.fill(0, 0, la)
  matchedB.fill(0, 0, lb)
  let matches = 0
  for (let i = 0; i < la; i++) {
    const from = Math.max(0, i - window)
    const to = Math.min(lb - 1, i + window)
    const ch = a.charCodeAt(i)
    for (let j = from; j <= to; j++) {
      if (matchedB[j] === 0 && b.charCodeAt(j) === ch) {
        matchedA[i] = 1
        matchedB[j] = 1
        matches++
        break
      }
    }
  }
  if (matches === 0) return 0
  let transpositions = 0
  let k = 0
  for (let i = 0; i < la; i++) {
    if (matchedA[i] === 0) continue
    while (matchedB[k] === 0) k++
    if (a.charCodeAt(i) !== b.charCodeAt(k)) transpositions++
    k++
  }
  const jaro = (matches / la + matches / lb + (matches - transpositions / 2) / matches) / 3
  let prefix = 0
  const maxPrefix = Math.min(4, la, lb)
  while (prefix < maxPrefix && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++
  return jaro + prefix * 0.1 * (1 - jaro)
}

/**
 * Damerau-Levenshtein distance (optimal string alignment: insertions, deletions, substitutions and
 * transpositions of neighbours each cost 1). Stops early and returns `max + 1` once the distance must
 * exceed `max`.
 */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0
  const la = a.length
  const lb = b.length
  if (Math.abs(la - lb) > max) return max + 1
  if (la === 0) return lb
  if (lb === 0) return la
  if (rows[0].length <= lb) rows = [new Uint16Array(lb * 2), new Uint16Array(lb * 2), new Uint16Array(lb * 2)]
  let [prev2, prev, row] = rows
  for (let j = 0; j <= lb; j++) prev[j] = j
  for (let i = 1; i <= la; i++) {
    row[0] = i
    let rowMin = i
    const ca = a.charCodeAt(i - 1)
    for (let j = 1; j <= lb; j++) {
      const cb = b.charCodeAt(j - 1)
      const cost = ca === cb ? 0 : 1
      let d = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost)
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) {
        d = Math.min(d, (prev2[j - 2] ?? 0) + 1)
      }
      row[j] = d
      if (d < rowMin) rowMin = d
    }
    if (rowMin > max) return max + 1
    const spare = prev2
    prev2 = prev
    prev = row
    row = spare
  }
  return prev[lb] ?? 0
}

/**
 * How much two word lists say the same, in [0, 1]: words are paired greedily by Jaro-Winkler (a pair
 * counts if it reaches `minWord`), and the matched share of the shorter list is returned, so "smith
 * jones" and "jones smith" score 1 and extra words on one side cost little.
 */
export function tokenSetSimilarity(a: readonly string[], b: readonly string[], minWord = 0.9): number {
  if (a.length === 0 || b.length === 0) return 0
  const used = new Uint8Array(b.length)
  let score = 0
  for (const word of a) {
    let best = 0
    let bestAt = -1
    for (let j = 0; j < b.length; j++) {
      if (used[j] === 1) continue
      const s = jaroWinkler(word, b[j] ?? '')
      if (s > best) {
        best = s
        bestAt = j
      }
    }
    if (bestAt >= 0 && best >= minWord) {
      used[bestAt] = 1
      score += best
    }
  }
  return score / Math.min(a.length, b.length)
}
