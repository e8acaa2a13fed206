// One-to-one rename assignment between removed-only and added-only fields (rule 1).
// Candidate pairs come from cheap blocking keys (shared words, deletion typo variants, shared
// sample values) so that large schemas never score the full removed x added product; each
// candidate is scored by pair-score.ts, then assigned greedily from the strongest down. A pair
// whose removed or added side has an almost equally good alternative is left unmatched (guessing
// between look-alikes such as home_phone / work_phone costs a false rename either way), unless
// the position of the fields clearly favours one (see positionBonus) or the spelling of one is
// clearly closer (see spellingAffinity).
import { osaDistance } from './edit-distance.ts'
import type { FieldInfo } from './field-info.ts'
import type { NameProfile } from './name-similarity.ts'
import { type PairScore, scorePair } from './pair-score.ts'
import { joinPath, parentOf } from './paths.ts'
import { renameSignature, systematicSignatures } from './rename-patterns.ts'

export interface RenamePair {
  from: string
  to: string
  score: number
}

// Two candidates within NEAR_TIE of each other are look-alikes; only a clearly better position
// (CLEAR_POSITION) may then pick one, otherwise neither is taken.
const NEAR_TIE = 0.03
const CLEAR_POSITION = 4 // position points, see positionBonus
const POINT = 0.005 // rank value of one position point
const MAX_BLOCK = 200 // blocking keys shared by more fields than this are too generic to use
const MAX_CANDIDATES = 64 // most-related added fields scored per removed field

interface Candidate extends PairScore {
  r: FieldInfo
  a: FieldInfo
  bonus: number // positional tie-breaker, in points
  spelling: number // spellingAffinity of the leaves, the last tie-breaker
  rank: number // score + bonus
}

// Leaves whose spelling is this much closer win a tie of look-alikes (vid -> id rather than
// properties.hs_object_id when both hold the same ids).
const CLEAR_SPELLING = 0.3

/** 1 - edit distance / longer length of the two compact leaf names, in [0, 1]. */
function spellingAffinity(a: string, b: string): number {
  const longer = Math.max(a.length, b.length)
  return longer === 0 ? 1 : 1 - osaDistance(a, b, longer) / longer
}

/** Adds `prefix` + every string at most `depth` deletions away from `w` (symmetric-delete typo keys). */
function addDeletions(keys: Set<string>, prefix: string, w: string, depth: number): void {
  keys.add(prefix + w)
  if (depth === 0 || w.length < 4 || w.length > 40) return
  for (let i = 0; i < w.length; i++) addDeletions(keys, prefix, w.slice(0, i) + w.slice(i + 1), depth - 1)
}

/**
 * Keys such that any pair that could score above zero shares at least one: equal or inflected
 * words, truncations (shared first letters), glued compounds (shared last letters), typos
 * (shared deletion variants), formatting-only changes, and shared sample values.
 */
function blockingKeys(name: NameProfile, info: FieldInfo): Set<string> {
  const keys = new Set<string>([`f:${name.compact}`])
  // One deletion each side covers one edit; two-edit typos in long words still share the first or
  // last three letters (p:/x: keys).
  // (Leaves with digits are never typos of each other: line1/line2.)
  addDeletions(keys, 'c:', name.leafCompact, /\p{N}/u.test(name.leafCompact) ? 0 : 1)
  for (const w of name.pathWords) {
    keys.add(`w:${w.word}`)
    if (/\p{N}/u.test(w.word)) continue
    addDeletions(keys, 'd:', w.word, 1)
    if (w.word.length >= 3) {
      keys.add(`p:${w.word.slice(0, 3)}`)
      keys.add(`x:${w.word.slice(-3)}`)
    }
  }
  if (info.samples) for (const k of info.samples.informative) keys.add(`v:${k}`)
  return keys
}

function candidatePairs(
  removed: readonly FieldInfo[],
  added: readonly FieldInfo[],
  oldNames: ReadonlyMap<string, NameProfile>,
): Array<[FieldInfo, FieldInfo]> {
  const byKey = new Map<string, number[]>()
  added.forEach((a, j) => {
    for (const k of blockingKeys(a.name, a)) {
      const list = byKey.get(k)
      if (list) list.push(j)
      else byKey.set(k, [j])
    }
  })
  const out: Array<[FieldInfo, FieldInfo]> = []
  for (const r of removed) {
    const shared = new Map<number, number>() // added index -> number of shared keys
    for (const k of blockingKeys(oldNames.get(r.field.path) ?? r.name, r)) {
      const list = byKey.get(k)
      // A key shared by very many fields ("w:url" in a GitHub payload) is skipped; the pairs
      // that matter also share a more specific key.
      if (!list || (list.length > MAX_BLOCK && !k.startsWith('f:'))) continue
      const weight = k.startsWith('f:') ? 1000 : 1
      for (const j of list) shared.set(j, (shared.get(j) ?? 0) + weight)
    }
    // Bound the work per removed field: keep the candidates sharing the most keys.
    const ranked = [...shared].sort((x, y) => y[1] - x[1] || x[0] - y[0]).slice(0, MAX_CANDIDATES)
    for (const [j] of ranked.sort((x, y) => x[0] - y[0])) {
      const a = added[j]
      if (a) out.push([r, a])
    }
  }
  return out
}

export interface MatchContext {
  oldNames: ReadonlyMap<string, NameProfile> // removed fields' names projected through object moves
  profileOf: (path: string) => NameProfile
  // Nearest fields present in both snapshots before/after each removed (old) or added (new) field.
  oldAnchors: ReadonlyMap<string, Anchors>
  newAnchors: ReadonlyMap<string, Anchors>
  sameRecords: boolean // both snapshots sampled the same records (value-overlap.ts sampleContinuity)
}

export interface Anchors {
  prev: string | null
  prevOffset: number
  next: string | null
  nextOffset: number
}

/**
 * Position is never a change (rule 7) but it is a hint: a renamed column usually keeps its place
 * after the same unchanged neighbour, while new columns are inserted elsewhere. Used only to rank
 * and break ties between acceptable pairs, never to accept one.
 */
function positionBonus(r: FieldInfo, a: FieldInfo, ctx: MatchContext): number {
  const x = ctx.oldAnchors.get(r.field.path)
  const y = ctx.newAnchors.get(a.field.path)
  if (!x || !y) return 0
  // Integer points (exact comparisons); the previous neighbour matters most.
  let points = 0
  if (x.prev !== null && x.prev === y.prev) points += x.prevOffset === y.prevOffset ? 8 : 2
  if (x.next !== null && x.next === y.next) points += x.nextOffset === y.nextOffset ? 3 : 1
  return points
}

const bestOf = (x: PairScore | null, y: PairScore | null) => (x && y ? (y.score > x.score ? y : x) : (x ?? y))

/** Words a systematic edit drops from every name it touches (`ga:` in `ga:sessions` -> `sessions`). */
function droppedWords(systematic: ReadonlySet<string>): Set<string> {
  const out = new Set<string>()
  for (const sig of systematic) if (sig.endsWith('>')) for (const w of sig.slice(0, -1).split('+')) out.add(w)
  return out
}

/**
 * Removed fields' names with the systematically dropped words taken out, so a field renamed further
 * than its family (`ga:users` -> `totalUsers` beside `ga:sessions` -> `sessions`) is compared for the rest
 * of its name alone.
 */
function withoutDroppedWords(
  removed: readonly FieldInfo[],
  nameOf: (r: FieldInfo) => NameProfile,
  dropped: ReadonlySet<string>,
  profileOf: (path: string) => NameProfile,
): Map<string, NameProfile> {
  const out = new Map<string, NameProfile>()
  if (dropped.size === 0) return out
  for (const r of removed) {
    const name = nameOf(r)
    const kept = name.leafWords.filter((w) => !dropped.has(w.word))
    if (kept.length === 0 || kept.length === name.leafWords.length) continue
    const leaf = kept.map((w) => w.word).join('_')
    out.set(r.field.path, profileOf(name.parentCompact === '' ? leaf : joinPath(parentOf(name.path), leaf)))
  }
  return out
}

export function matchRenames(
  removed: readonly FieldInfo[],
  added: readonly FieldInfo[],
  ctx: MatchContext,
): RenamePair[] {
  const { oldNames } = ctx
  const nameOf = (r: FieldInfo) => oldNames.get(r.field.path) ?? r.name
  const pairs = candidatePairs(removed, added, oldNames)
  const systematic = systematicSignatures(pairs.map(([r, a]) => [nameOf(r), a.name] as const))
  const stripped = withoutDroppedWords(removed, nameOf, droppedWords(systematic), ctx.profileOf)
  const candidates: Candidate[] = []
  for (const [r, a] of pairs) {
    const sig = renameSignature(nameOf(r), a.name)
    const alt = stripped.get(r.field.path)
    const s = bestOf(
      scorePair(r, a, nameOf(r), sig !== null && systematic.has(sig), ctx.sameRecords),
      alt ? scorePair(r, a, alt, false, ctx.sameRecords) : null,
    )
    if (!s) continue
    const bonus = positionBonus(r, a, ctx)
    const spelling = spellingAffinity(nameOf(r).leafCompact, a.name.leafCompact)
    candidates.push({ ...s, r, a, bonus, spelling, rank: s.score + bonus * POINT })
  }
  candidates.sort((x, y) => y.rank - x.rank || x.r.index - y.r.index || x.a.index - y.a.index)

  const byOld = new Map<string, Candidate[]>()
  const byNew = new Map<string, Candidate[]>()
  const push = (m: Map<string, Candidate[]>, k: string, c: Candidate) => {
    const list = m.get(k)
    if (list) list.push(c)
    else m.set(k, [c])
  }
  for (const c of candidates) {
    push(byOld, c.r.field.path, c)
    push(byNew, c.a.field.path, c)
  }

  const usedOld = new Set<string>()
  const usedNew = new Set<string>()
  const out: RenamePair[] = []
  for (const c of candidates) {
    const from = c.r.field.path
    const to = c.a.field.path
    if (usedOld.has(from) || usedNew.has(to)) continue
    const rival = (o: Candidate) =>
      o !== c &&
      !usedOld.has(o.r.field.path) &&
      !usedNew.has(o.a.field.path) &&
      o.score >= c.score - NEAR_TIE &&
      o.bonus > c.bonus - CLEAR_POSITION &&
      o.evidence >= c.evidence &&
      o.spelling > c.spelling - CLEAR_SPELLING
    if ((byOld.get(from) ?? []).some(rival) || (byNew.get(to) ?? []).some(rival)) continue
    usedOld.add(from)
    usedNew.add(to)
    out.push({ from, to, score: c.score })
  }
  return out
}
