// One-to-one rename assignment between removed-only and added-only fields (rule 1).
// Candidate pairs come from cheap blocking keys (shared words, one-deletion typo variants, shared
// sample values) so that large schemas never score the full removed x added product; each
// candidate is scored by pair-score.ts, then assigned greedily from the strongest down. A pair
// whose removed or added side has an almost equally good alternative is left unmatched: guessing
// between look-alikes (total_plan_time vs total_exec_time) would cost a false rename either way.
import type { FieldInfo } from './field-info.ts'
import type { NameProfile } from './name-similarity.ts'
import { type PairScore, scorePair } from './pair-score.ts'

export interface RenamePair {
  from: string
  to: string
  score: number
}

const AMBIGUITY_MARGIN = 0.04
const FULL_SCAN_LIMIT = 40_000 // removed x added products up to this are scored exhaustively
const MAX_BLOCK = 200 // blocking keys shared by more fields than this are too generic to use

interface Candidate extends PairScore {
  r: FieldInfo
  a: FieldInfo
}

function blockingKeys(name: NameProfile, info: FieldInfo): Set<string> {
  const keys = new Set<string>([`c:${name.leafCompact}`, `f:${name.compact}`])
  for (const w of name.pathWords) {
    keys.add(`w:${w.word}`)
    if (w.word.length >= 4) for (let i = 0; i < w.word.length; i++) keys.add(`d:${w.word.slice(0, i)}${w.word.slice(i + 1)}`)
    if (w.word.length >= 3) keys.add(`p:${w.word.slice(0, 3)}`) // truncation abbreviations
  }
  const lc = name.leafCompact
  if (lc.length >= 4 && lc.length <= 24) for (let i = 0; i < lc.length; i++) keys.add(`d:${lc.slice(0, i)}${lc.slice(i + 1)}`)
  if (info.samples) for (const k of info.samples.informative) keys.add(`v:${k}`)
  return keys
}

function candidatePairs(
  removed: readonly FieldInfo[],
  added: readonly FieldInfo[],
  oldNames: ReadonlyMap<string, NameProfile>,
): Array<[FieldInfo, FieldInfo]> {
  if (removed.length * added.length <= FULL_SCAN_LIMIT) return removed.flatMap((r) => added.map((a): [FieldInfo, FieldInfo] => [r, a]))
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

/**
 * @param oldNames name profiles of removed fields as projected through object moves
 */
export function matchRenames(
  removed: readonly FieldInfo[],
  added: readonly FieldInfo[],
  oldNames: ReadonlyMap<string, NameProfile>,
): RenamePair[] {
  const candidates: Candidate[] = []
  for (const [r, a] of candidatePairs(removed, added, oldNames)) {
    const s = scorePair(r, a, oldNames.get(r.field.path) ?? r.name)
    if (s) candidates.push({ ...s, r, a })
  }
  candidates.sort((x, y) => y.score - x.score || x.r.index - y.r.index || x.a.index - y.a.index)

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
      o !== c && !usedOld.has(o.r.field.path) && !usedNew.has(o.a.field.path) && o.score >= c.score - AMBIGUITY_MARGIN && o.evidence >= c.evidence
    if ((byOld.get(from) ?? []).some(rival) || (byNew.get(to) ?? []).some(rival)) continue
    usedOld.add(from)
    usedNew.add(to)
    out.push({ from, to, score: c.score })
  }
  return out
}
