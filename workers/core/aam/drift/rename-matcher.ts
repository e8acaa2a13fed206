// One-to-one rename assignment between removed-only and added-only fields (rule 1).
// Candidate pairs come from cheap blocking keys (shared words, one-deletion typo variants, shared
// sample values) so that large schemas never score the full removed x added product; each
// candidate is scored by pair-score.ts, then assigned greedily from the strongest down. A pair
// whose removed or added side has an almost equally good alternative is left unmatched: guessing
// between look-alikes (total_plan_time vs total_exec_time) would cost a false rename either way.
import type { FieldInfo } from './field-info.ts'
import type { NameProfile } from './name-similarity.ts'
import { type PairScore, scorePair } from './pair-score.ts'
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
const FULL_SCAN_LIMIT = 40_000 // removed x added products up to this are scored exhaustively
const MAX_BLOCK = 200 // blocking keys shared by more fields than this are too generic to use

interface Candidate extends PairScore {
  r: FieldInfo
  a: FieldInfo
  bonus: number // positional tie-breaker, in points
  rank: number // score + bonus
}

function blockingKeys(name: NameProfile, info: FieldInfo): Set<string> {
  const keys = new Set<string>([`c:${name.leafCompact}`, `f:${name.compact}`])
  for (const w of name.pathWords) {
    keys.add(`w:${w.word}`)
    if (w.word.length >= 4)
      for (let i = 0; i < w.word.length; i++) keys.add(`d:${w.word.slice(0, i)}${w.word.slice(i + 1)}`)
    if (w.word.length >= 3) keys.add(`p:${w.word.slice(0, 3)}`) // truncation abbreviations
  }
  const lc = name.leafCompact
  if (lc.length >= 4 && lc.length <= 24)
    for (let i = 0; i < lc.length; i++) keys.add(`d:${lc.slice(0, i)}${lc.slice(i + 1)}`)
  if (info.samples) for (const k of info.samples.informative) keys.add(`v:${k}`)
  return keys
}

function candidatePairs(
  removed: readonly FieldInfo[],
  added: readonly FieldInfo[],
  oldNames: ReadonlyMap<string, NameProfile>,
): Array<[FieldInfo, FieldInfo]> {
  if (removed.length * added.length <= FULL_SCAN_LIMIT)
    return removed.flatMap((r) => added.map((a): [FieldInfo, FieldInfo] => [r, a]))
  const byKey = new Map<string, number[]>()
  added.forEach((a, j) => {
    for (const k of blockingKeys(a.name, a)) {
      const list = byKey.get(k) ?? []
      list.push(j)
      byKey.set(k, list)
    }
  })
  const out: Array<[FieldInfo, FieldInfo]> = []
  for (const r of removed) {
    const seen = new Set<number>()
    for (const k of blockingKeys(oldNames.get(r.field.path) ?? r.name, r)) {
      const list = byKey.get(k)
      if (!list || list.length > MAX_BLOCK) continue
      for (const j of list) seen.add(j)
    }
    for (const j of [...seen].sort((x, y) => x - y)) {
      const a = added[j]
      if (a) out.push([r, a])
    }
  }
  return out
}

export interface MatchContext {
  oldNames: ReadonlyMap<string, NameProfile> // removed fields' names projected through object moves
  // Nearest fields present in both snapshots before/after each removed (old) or added (new) field.
  oldAnchors: ReadonlyMap<string, Anchors>
  newAnchors: ReadonlyMap<string, Anchors>
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

export function matchRenames(
  removed: readonly FieldInfo[],
  added: readonly FieldInfo[],
  ctx: MatchContext,
): RenamePair[] {
  const { oldNames } = ctx
  const nameOf = (r: FieldInfo) => oldNames.get(r.field.path) ?? r.name
  const pairs = candidatePairs(removed, added, oldNames)
  const systematic = systematicSignatures(pairs.map(([r, a]) => [nameOf(r), a.name] as const))
  const candidates: Candidate[] = []
  for (const [r, a] of pairs) {
    const sig = renameSignature(nameOf(r), a.name)
    const s = scorePair(r, a, nameOf(r), sig !== null && systematic.has(sig))
    if (!s) continue
    const bonus = positionBonus(r, a, ctx)
    candidates.push({ ...s, r, a, bonus, rank: s.score + bonus * POINT })
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
      o.evidence >= c.evidence
    if ((byOld.get(from) ?? []).some(rival) || (byNew.get(to) ?? []).some(rival)) continue
    usedOld.add(from)
    usedNew.add(to)
    out.push({ from, to, score: c.score })
  }
  return out
}
