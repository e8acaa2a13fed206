// String similarity for fuzzy comparison: Jaro-Winkler for short names (typos near the end cost less than
// at the start), Damerau-Levenshtein for codes and dates (a transposition is one error), and a token-set
// score for multi-word values whose words may be reordered, split or joined.

// Scratch flags reused across calls: comparisons run millions of times and are synchronous.
let flagsA = new Uint8Array(64)
let flagsB = new Uint8Array(64)

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
 * Damerau-Levenshtein distance (optimal string alignment: a transposition of neighbours costs 1, as a
 * typo does), bounded by `max`; the drift classifier's implementation, shared.
 */
export { osaDistance as editDistance } from '../../aam/drift/edit-distance.ts'

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
