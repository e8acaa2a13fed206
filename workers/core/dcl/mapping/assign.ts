// One target per source and one source per target. Pairs are taken best first; on a near tie the
// source listed first wins (schemas list the main phone before the second, the main address
// before the alternate), so the primary field keeps the target and its twin stays unmatched.
// A pair is ambiguous when its confidence is marginal, when it rests on a loose synonym, or
// when a competitor comes close: those are the ones worth a second opinion.
import type { MappingCandidate, MappingSuggestion, UnmatchedField } from './result.ts'

export interface Candidate {
  source: number // index into the source schema
  target: number
  confidence: number
  evidence: string[]
  loose: boolean // rests on a related word rather than the same one
  anchor: boolean // the names share a distinctive word (email, amount, city), not only id or date
}

export interface AssignOptions {
  threshold: number // lowest confidence suggested
  margin: number // a competitor this close makes a pair ambiguous
  // Matches sharing a distinctive word needed before any is believed: a weather table's NAME and
  // DATE or a payments table's id and created time alone do not make it a contacts table.
  anchorsNeeded: number
}

const NEAR_TIE = 0.02

export function assign(
  candidates: readonly Candidate[],
  sourcePaths: readonly string[],
  targetPaths: readonly string[],
  reasons: ReadonlyMap<number, string>,
  { threshold, margin, anchorsNeeded }: AssignOptions,
): { suggestions: MappingSuggestion[]; unmatched: UnmatchedField[] } {
  const ordered = [...candidates].sort(
    (a, b) => b.confidence - a.confidence || a.source - b.source || a.target - b.target,
  )
  const bySource = new Map<number, Candidate[]>()
  const byTarget = new Map<number, Candidate[]>()
  for (const c of ordered) {
    const s = bySource.get(c.source)
    if (s) s.push(c)
    else bySource.set(c.source, [c])
    const t = byTarget.get(c.target)
    if (t) t.push(c)
    else byTarget.set(c.target, [c])
  }
  const chosen = new Map<number, Candidate>()
  const takenTargets = new Set<number>()
  const live = (c: Candidate) => c.confidence >= threshold && !chosen.has(c.source) && !takenTargets.has(c.target)
  for (let i = 0; i < ordered.length; i++) {
    const top = ordered[i]
    if (!top || !live(top)) continue
    // Among near ties with the best remaining pair, the source listed first wins.
    let pick = top
    for (let j = i + 1; j < ordered.length; j++) {
      const c = ordered[j]
      if (!c || c.confidence < top.confidence - NEAR_TIE) break
      if (live(c) && c.target === top.target && c.source < pick.source) pick = c
    }
    chosen.set(pick.source, pick)
    takenTargets.add(pick.target)
  }
  const anchors = [...chosen.values()].filter((c) => c.anchor).length
  const unrelated = chosen.size > 0 && anchors < anchorsNeeded
  if (unrelated) chosen.clear()
  const asCandidate = (c: Candidate): MappingCandidate => ({
    target: targetPaths[c.target] ?? '',
    confidence: round(c.confidence),
    evidence: c.evidence,
  })
  const suggestions: MappingSuggestion[] = []
  const unmatched: UnmatchedField[] = []
  sourcePaths.forEach((path, s) => {
    const mine = bySource.get(s) ?? []
    const pick = chosen.get(s)
    if (pick) {
      const others = mine.filter((c) => c !== pick && c.confidence >= pick.confidence - margin)
      const rivals = (byTarget.get(pick.target) ?? []).filter(
        (c) => c.source !== s && c.confidence >= pick.confidence - margin,
      )
      const ambiguous = pick.confidence < threshold + margin || pick.loose || others.length > 0 || rivals.length > 0
      suggestions.push({
        source: path,
        target: targetPaths[pick.target] ?? '',
        confidence: round(pick.confidence),
        evidence: [
          ...pick.evidence,
          ...rivals.slice(0, 2).map((r) => `'${sourcePaths[r.source]}' competes for this target`),
        ],
        ambiguous,
        candidates: mine
          .filter((c) => c !== pick && c.confidence >= 0.3)
          .slice(0, 3)
          .map(asCandidate),
      })
      return
    }
    const best = mine[0]
    const near = best !== undefined && best.confidence >= threshold - margin
    const lostTo = best && takenTargets.has(best.target) && best.confidence >= threshold
    unmatched.push({
      source: path,
      reason:
        unrelated && best && best.confidence >= threshold
          ? `the two schemas share too little to trust '${targetPaths[best.target]}' (no distinctive field matches)`
          : lostTo
            ? `its best target '${targetPaths[best.target]}' went to a better-matching field`
            : best
              ? `no target is close enough (best '${targetPaths[best.target]}' at ${round(best.confidence)})`
              : (reasons.get(s) ?? 'no target field means the same data'),
      ambiguous: near || (unrelated && best !== undefined && best.confidence >= threshold),
      candidates: mine
        .filter((c) => c.confidence >= 0.3)
        .slice(0, 3)
        .map(asCandidate),
    })
  })
  return { suggestions, unmatched }
}

const round = (x: number) => Math.round(x * 1000) / 1000
