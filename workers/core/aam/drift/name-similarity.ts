// How alike two field paths are as names, in [0, 1]. Words are weighted so that sharing a
// distinctive word ("balance") counts far more than sharing a generic one ("id", "url", "count"),
// and a word that recurs across many fields of the same schema counts less (IDF within the pair of
// snapshots). Typos are caught with a bounded edit distance, but never on short words, digits or
// opposites (line1/line2, min/max, created/updated are different fields).
import { osaDistance } from './edit-distance.ts'
import { areAntonyms, baseWeight, canonicalWords, compactName, isMeasure } from './name-tokens.ts'
import { leafOf, parentOf, segmentsOf } from './paths.ts'

export interface WeightedWord {
  word: string
  weight: number // importance when shared: base weight x corpus rarity
  base: number // importance when unmatched: base weight only
}

export interface NameProfile {
  path: string
  compact: string // whole path, separators dropped: catches case/punctuation-only renames
  canonical: string // sorted canonical words of the whole path: abbreviation/word-order-only renames
  leafCompact: string
  parentCompact: string
  leafWords: WeightedWord[]
  pathWords: WeightedWord[] // parent words at half weight
}

/** Word frequencies over both snapshots, for IDF-style down-weighting of recurring words. */
export class WordStats {
  private readonly df = new Map<string, number>()

  constructor(oldPaths: readonly string[], newPaths: readonly string[]) {
    // Count per snapshot and keep the larger: a renamed field's words appear once on each side
    // and should not look common because of it.
    const count = (paths: readonly string[]) => {
      const m = new Map<string, number>()
      for (const p of paths) {
        for (const w of new Set(canonicalWords(leafOf(p)))) m.set(w, (m.get(w) ?? 0) + 1)
      }
      return m
    }
    const a = count(oldPaths)
    const b = count(newPaths)
    for (const [w, n] of a) this.df.set(w, Math.max(n, b.get(w) ?? 0))
    for (const [w, n] of b) if (!this.df.has(w)) this.df.set(w, n)
  }

  weight(word: string): number {
    const df = this.df.get(word) ?? 1
    const idf = df <= 2 ? 1 : 1 / (1 + 0.5 * Math.log(df / 2))
    return baseWeight(word) * idf
  }
}

export function nameProfile(path: string, stats: WordStats): NameProfile {
  const segs = segmentsOf(path)
  const leafSeg = segs[segs.length - 1] ?? ''
  const leafWords = canonicalWords(leafSeg).map((word) => ({ word, weight: stats.weight(word), base: baseWeight(word) }))
  const parentWords = segs
    .slice(0, -1)
    .flatMap((s) => canonicalWords(s))
    .map((word) => ({ word, weight: 0.5 * stats.weight(word), base: 0.5 * baseWeight(word) }))
  const all = [...parentWords, ...leafWords]
  return {
    path,
    compact: compactName(path),
    canonical: all
      .filter((w) => baseWeight(w.word) > 0.2)
      .map((w) => w.word)
      .sort()
      .join(' '),
    leafCompact: compactName(leafSeg),
    parentCompact: compactName(parentOf(path)),
    leafWords,
    pathWords: all,
  }
}

// Schemas reuse a small vocabulary, so word-pair similarities repeat across field pairs: memoise
// (bounded, so a long-lived Worker isolate cannot grow it without limit).
const wordSimCache = new Map<string, number>()
const WORD_CACHE_LIMIT = 100_000

/** Similarity of two canonical words: 1 equal, <1 plausible variant/typo, 0 unrelated. */
export function wordSimilarity(a: string, b: string): number {
  if (a === b) return 1
  const key = a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`
  const hit = wordSimCache.get(key)
  if (hit !== undefined) return hit
  if (wordSimCache.size >= WORD_CACHE_LIMIT) wordSimCache.clear()
  const sim = computeWordSimilarity(a, b)
  wordSimCache.set(key, sim)
  return sim
}

function computeWordSimilarity(a: string, b: string): number {
  if (a === b) return 1
  if (areAntonyms(a, b)) return 0
  if (/\p{N}/u.test(a) || /\p{N}/u.test(b)) return 0 // line1 vs line2, v2 vs v3
  const [s, l] = a.length <= b.length ? [a, b] : [b, a]
  // Truncation abbreviations: desc/description, org/organization.
  if (s.length >= 3 && l.length >= s.length + 2 && l.startsWith(s)) return 0.7
  // Inflections of one word: ship/shipped, merge/merging, status/statuses.
  if (s.length >= 3 && inflectionRoot(a) === inflectionRoot(b)) return 0.9
  // Compound with a prefix glued on: pid/procpid, tag/hashtag (never generic words: count/account).
  if (s.length >= 3 && l.length >= s.length + 3 && l.endsWith(s) && baseWeight(s) >= 1) return 0.6
  if (s.length < 4) return 0
  const d = osaDistance(a, b, 2)
  if (d === 1) {
    // A single substitution in a short word is usually a different word (cost/post, date/data).
    const substitution = a.length === b.length && !isTransposition(a, b)
    if (!substitution || s.length >= 6) return 0.8
    return 0
  }
  if (d === 2 && s.length >= 8) return 0.65
  return 0
}

function inflectionRoot(w: string): string {
  const m = /^(.{3,}?)(ing|ed|es|s)$/.exec(w)
  const stem = m?.[1] ?? w
  // shipped -> shipp -> ship; "ee"/"ss" endings are not doubled inflections.
  return /([b-df-hj-np-tv-z])\1$/.test(stem) && !/(ss|ll|zz)$/.test(stem) ? stem.slice(0, -1) : stem.replace(/e$/, '')
}

function isTransposition(a: string, b: string): boolean {
  for (let i = 0; i < a.length - 1; i++) {
    if (a[i] !== b[i]) return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2)
  }
  return false
}

export interface WordOverlap {
  score: number // weighted Dice in [0, 1]
  antonym: boolean // an unmatched word on one side is the opposite of one on the other
  // One distinctive word (or one measure/unit) replaced by another: project -> group,
  // number -> bytes. Such pairs name different things unless other evidence says otherwise.
  distinctSubstitution: boolean
}

/**
 * Weighted soft Dice: greedy best word pairs, each contributing sim * (wA + wB), over the weight
 * of all words. Shared words count with their rarity-adjusted weight (sharing "url" with thirty
 * other *_url fields proves little); unmatched words with their base weight, so that which extra
 * qualifier was added (total_exec_time vs total_plan_time) does not by itself rank candidates.
 */
export function wordOverlap(a: readonly WeightedWord[], b: readonly WeightedWord[]): WordOverlap {
  const pairs: Array<{ i: number; j: number; sim: number; gain: number }> = []
  a.forEach((wa, i) => {
    b.forEach((wb, j) => {
      const sim = wordSimilarity(wa.word, wb.word)
      if (sim > 0) pairs.push({ i, j, sim, gain: sim * (wa.weight + wb.weight) })
    })
  })
  pairs.sort((x, y) => y.gain - x.gain || x.i - y.i || x.j - y.j)
  const usedA = new Set<number>()
  const usedB = new Set<number>()
  let matched = 0
  let matchedWeight = 0
  for (const p of pairs) {
    if (usedA.has(p.i) || usedB.has(p.j)) continue
    usedA.add(p.i)
    usedB.add(p.j)
    matched += p.gain
    matchedWeight += (a[p.i]?.weight ?? 0) + (b[p.j]?.weight ?? 0)
  }
  const leftA = a.filter((_, i) => !usedA.has(i))
  const leftB = b.filter((_, j) => !usedB.has(j))
  let antonym = false
  for (const wa of leftA) for (const wb of leftB) if (areAntonyms(wa.word, wb.word)) antonym = true
  // Adding or dropping a generic qualifier (zip -> zip_code) is cheap, but replacing one word by
  // another is not: owner_id vs owner_name differ in exactly the word that says what they hold.
  // So when both sides keep unmatched (non-stop) words, those count at full weight.
  const substitution = leftA.some((w) => baseWeight(w.word) > 0.2) && leftB.some((w) => baseWeight(w.word) > 0.2)
  const distinct = (ws: readonly WeightedWord[]) => ws.some((w) => baseWeight(w.word) >= 1)
  const measure = (ws: readonly WeightedWord[]) => ws.some((w) => isMeasure(w.word))
  const distinctSubstitution =
    (distinct(leftA) && distinct(leftB)) || (measure(leftA) && (measure(leftB) || distinct(leftB))) || (measure(leftB) && distinct(leftA))
  let unmatched = 0
  for (const w of [...leftA, ...leftB]) {
    unmatched += substitution && baseWeight(w.word) > 0.2 ? Math.max(w.base, w.base / baseWeight(w.word)) : w.base
  }
  const total = matchedWeight + unmatched
  return { score: total === 0 ? 0 : matched / total, antonym, distinctSubstitution }
}

/** Is `b` a typo of `a` (one edit; transposition or insertion on words of 4+, any edit on 6+)? */
function isTypo(a: string, b: string): boolean {
  if (a === b || /\p{N}/u.test(a + b)) return false
  const s = Math.min(a.length, b.length)
  if (s < 4) return false
  const d = osaDistance(a, b, 2)
  if (d === 1) return a.length !== b.length || isTransposition(a, b) || s >= 6
  return d === 2 && s >= 10
}

export interface NameMatch {
  score: number
  antonym: boolean
  exact: boolean // only case, spacing or punctuation differ
  distinctSubstitution: boolean // the leaf names differ by a substituted distinctive word
}

/**
 * Name similarity of an old path (already projected through any detected object move) and a new
 * path. The best of: whole-path equality up to formatting, equality of canonical words, weighted
 * word overlap of the whole path, and similarity of the leaf names (discounted when the parent
 * object differs, i.e. the field moved).
 */
export function nameSimilarity(a: NameProfile, b: NameProfile): NameMatch {
  if (a.compact === b.compact) return { score: 1, antonym: false, exact: true, distinctSubstitution: false }
  const full = wordOverlap(a.pathWords, b.pathWords)
  const leaf = wordOverlap(a.leafWords, b.leafWords)
  const antonym = full.antonym || leaf.antonym
  if (a.canonical !== '' && a.canonical === b.canonical) {
    return { score: 0.95, antonym, exact: false, distinctSubstitution: false }
  }
  let leafScore = leaf.score
  let distinctSubstitution = leaf.distinctSubstitution
  if (a.leafCompact === b.leafCompact) {
    leafScore = 1
    distinctSubstitution = false
  } else if (isTypo(a.leafCompact, b.leafCompact)) {
    leafScore = Math.max(leafScore, 0.85)
    distinctSubstitution = false
  }
  const sameParent = a.parentCompact === b.parentCompact
  const score = Math.max(full.score, sameParent ? leafScore : 0.85 * leafScore * leafDistinctiveness(a))
  return { score, antonym, exact: false, distinctSubstitution }
}

// A leaf that moved to another parent is only convincing when the leaf itself is distinctive:
// `address.city` -> `city` is a move, `parent.name` -> `organization.name` is not.
function leafDistinctiveness(p: NameProfile): number {
  if (p.leafWords.length === 0) return 0
  const w = p.leafWords.reduce((s, x) => s + x.weight, 0) / p.leafWords.length
  return Math.min(1, 0.2 + w)
}
