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
  base: number // importance when unmatched: base weight only (halved for parent words)
  kind: number // baseWeight(word): 0.2 stop word, 0.4 generic, 0.8 number, 1 distinctive
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
  const word = (w: string, scale: number): WeightedWord => {
    const kind = baseWeight(w)
    return { word: w, weight: scale * stats.weight(w), base: scale * kind, kind }
  }
  const leafWords = canonicalWords(leafSeg).map((w) => word(w, 1))
  const parentWords = segs
    .slice(0, -1)
    .flatMap((s) => canonicalWords(s))
    .map((w) => word(w, 0.5))
  const all = [...parentWords, ...leafWords]
  return {
    path,
    compact: compactName(path),
    canonical: all
      .filter((w) => w.kind > 0.2)
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
const wordSimCache = new Map<string, Map<string, number>>()
let wordSimCacheSize = 0
const WORD_CACHE_LIMIT = 200_000

/** Similarity of two canonical words: 1 equal, <1 plausible variant/typo, 0 unrelated. */
export function wordSimilarity(a: string, b: string): number {
  if (a === b) return 1
  const [x, y] = a < b ? [a, b] : [b, a]
  let row = wordSimCache.get(x)
  const hit = row?.get(y)
  if (hit !== undefined) return hit
  if (wordSimCacheSize >= WORD_CACHE_LIMIT) {
    wordSimCache.clear()
    wordSimCacheSize = 0
    row = undefined
  }
  if (!row) {
    row = new Map()
    wordSimCache.set(x, row)
  }
  const sim = computeWordSimilarity(x, y)
  row.set(y, sim)
  wordSimCacheSize++
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
  const n = Math.min(a.length, 30) // bitmasks below; names never have more words than this
  const m = Math.min(b.length, 30)
  const sims: number[] = new Array(n * m)
  for (let i = 0; i < n; i++)
    for (let j = 0; j < m; j++) sims[i * m + j] = wordSimilarity(a[i]?.word ?? '', b[j]?.word ?? '')
  let usedA = 0
  let usedB = 0
  let matched = 0
  let matchedWeight = 0
  // Greedy: repeatedly take the pair with the largest gain among unused words.
  for (;;) {
    let best = 0
    let bi = -1
    let bj = -1
    for (let i = 0; i < n; i++) {
      if (usedA & (1 << i)) continue
      const wa = a[i]?.weight ?? 0
      for (let j = 0; j < m; j++) {
        if (usedB & (1 << j)) continue
        const sim = sims[i * m + j] ?? 0
        const gain = sim * (wa + (b[j]?.weight ?? 0))
        if (sim > 0 && gain > best) {
          best = gain
          bi = i
          bj = j
        }
      }
    }
    if (bi < 0) break
    usedA |= 1 << bi
    usedB |= 1 << bj
    matched += best
    matchedWeight += (a[bi]?.weight ?? 0) + (b[bj]?.weight ?? 0)
  }
  const leftA: WeightedWord[] = []
  const leftB: WeightedWord[] = []
  for (let i = 0; i < n; i++) if (!(usedA & (1 << i)) && a[i]) leftA.push(a[i] as WeightedWord)
  for (let j = 0; j < m; j++) if (!(usedB & (1 << j)) && b[j]) leftB.push(b[j] as WeightedWord)
  let antonym = false
  for (const wa of leftA) for (const wb of leftB) if (areAntonyms(wa.word, wb.word)) antonym = true
  // Adding or dropping a generic qualifier (zip -> zip_code) is cheap, but replacing one word by
  // another is not: owner_id vs owner_name differ in exactly the word that says what they hold.
  // So when both sides keep unmatched (non-stop) words, those count at full weight.
  const content = (ws: readonly WeightedWord[]) => ws.some((w) => w.kind > 0.2)
  const distinct = (ws: readonly WeightedWord[]) => ws.some((w) => w.kind >= 0.8) // words and numbers
  const measure = (ws: readonly WeightedWord[]) => ws.some((w) => isMeasure(w.word))
  const substitution = content(leftA) && content(leftB)
  const distinctSubstitution =
    (distinct(leftA) && distinct(leftB)) ||
    (measure(leftA) && (measure(leftB) || distinct(leftB))) ||
    (measure(leftB) && distinct(leftA))
  let unmatched = 0
  for (const w of leftA) unmatched += substitution && w.kind > 0.2 ? w.base / w.kind : w.base
  for (const w of leftB) unmatched += substitution && w.kind > 0.2 ? w.base / w.kind : w.base
  const total = matchedWeight + unmatched
  return { score: total === 0 ? 0 : matched / total, antonym, distinctSubstitution }
}

/** Is `b` a typo of `a` (one edit; transposition or insertion on words of 4+, any edit on 6+)? */
function isTypo(a: string, b: string): boolean {
  const s = Math.min(a.length, b.length)
  if (a === b || s < 4 || Math.abs(a.length - b.length) > 2 || /\p{N}/u.test(a + b)) return false
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
  const leaf = wordOverlap(resegmented(a.leafWords, b.leafWords), resegmented(b.leafWords, a.leafWords))
  const nested = a.pathWords.length !== a.leafWords.length || b.pathWords.length !== b.leafWords.length
  const full = nested ? wordOverlap(a.pathWords, b.pathWords) : leaf
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
  // A field that moved between two unrelated objects (assignee.login vs closed_by.login) is a
  // different field unless other evidence says so; nesting/flattening (one parent is the root) and
  // moves under a related parent (contact -> profile.contact) are not substitutions.
  if (!sameParent && a.parentCompact !== '' && b.parentCompact !== '') {
    const parents = wordOverlap(parentWordsOf(a), parentWordsOf(b))
    if (parents.distinctSubstitution && parents.score < 0.5) distinctSubstitution = true
  }
  return { score, antonym, exact: false, distinctSubstitution }
}

/**
 * `words` with each glued compound (`pageviews`) that spells a run of `other`'s words (`page`, `views`)
 * split into those words: one vendor writes `pageviews`, the next `screenPageViews`.
 */
function resegmented(words: readonly WeightedWord[], other: readonly WeightedWord[]): readonly WeightedWord[] {
  if (other.length < 2 || !words.some((w) => w.word.length >= 6)) return words
  return words.flatMap((w) => {
    if (w.word.length < 6) return [w]
    for (let i = 0; i < other.length - 1; i++) {
      let glued = ''
      for (let j = i; j < other.length && glued.length < w.word.length; j++) {
        glued += other[j]?.word ?? ''
        if (j > i && glued === w.word) return other.slice(i, j + 1)
      }
    }
    return [w]
  })
}

function parentWordsOf(p: NameProfile): WeightedWord[] {
  return p.pathWords.slice(0, p.pathWords.length - p.leafWords.length)
}

// A leaf that moved to another parent is only convincing when the leaf itself is distinctive:
// `address.city` -> `city` is a move, `parent.name` -> `organization.name` is not.
function leafDistinctiveness(p: NameProfile): number {
  if (p.leafWords.length === 0) return 0
  const w = p.leafWords.reduce((s, x) => s + x.weight, 0) / p.leafWords.length
  return Math.min(1, 0.2 + w)
}

/** How alike two field paths are as names on their own, with no schema around them: 0 for opposites. */
export function pathSimilarity(a: string, b: string): number {
  if (a === b) return 1
  const stats = new WordStats([a], [b])
  const match = nameSimilarity(nameProfile(a, stats), nameProfile(b, stats))
  return match.antonym ? 0 : match.score
}
