// Detects renamed or moved objects (`contact` -> `profile.contact`, `nmae` -> `name`) from the
// fields below them: if most removed descendants of P reappear with the same relative paths under a
// new prefix Q, then P moved to Q and its descendants move with it. Works whether or not the object
// entries themselves are listed. Only removed/added paths take part (rule 1).
import type { FieldInfo } from './field-info.ts'
import { relativeKey } from './field-info.ts'
import { type NameProfile, nameSimilarity } from './name-similarity.ts'
import { ancestorsOf, depthOf, isUnder, joinPath, relativeTo, segmentsOf } from './paths.ts'
import { retypePlausibility } from './type-lattice.ts'
import { compareSamples } from './value-overlap.ts'

export interface ObjectMove {
  from: string
  to: string
  score: number
}

const MAX_BUCKET = 64 // a relative path shared by more added fields than this is too generic to vote

interface Candidate {
  from: string
  to: string
  pairs: Map<string, string> // removed path -> added path, one to one
  usedTargets: Set<string>
}

export function findObjectMoves(
  removed: readonly FieldInfo[],
  added: readonly FieldInfo[],
  nameOf: (path: string) => NameProfile,
): ObjectMove[] {
  const addedByPath = new Map(added.map((f) => [f.field.path, f]))
  const removedByPath = new Map(removed.map((f) => [f.field.path, f]))

  // Index added paths by every proper relative suffix: key "k|rel" -> added paths ending in rel.
  const bySuffix = new Map<string, string[]>()
  for (const f of added) {
    const segs = segmentsOf(f.field.path)
    for (let k = 1; k < segs.length; k++) {
      const prefix = segs.slice(0, segs.length - k).join('.')
      const key = `${k}|${relativeKey(f.field.path, prefix)}`
      const list = bySuffix.get(key) ?? []
      list.push(f.field.path)
      bySuffix.set(key, list)
    }
  }

  const candidates = new Map<string, Candidate>()
  for (const f of removed) {
    const segs = segmentsOf(f.field.path)
    for (let k = 1; k < segs.length; k++) {
      const from = segs.slice(0, segs.length - k).join('.')
      const targets = bySuffix.get(`${k}|${relativeKey(f.field.path, from)}`)
      if (!targets || targets.length > MAX_BUCKET) continue
      for (const t of targets) {
        const to = segmentsOf(t)
          .slice(0, depthOf(t) - k)
          .join('.')
        if (to === from) continue
        const id = `${from}\u0000${to}`
        let c = candidates.get(id)
        if (!c) {
          c = { from, to, pairs: new Map(), usedTargets: new Set() }
          candidates.set(id, c)
        }
        if (!c.pairs.has(f.field.path) && !c.usedTargets.has(t)) {
          c.pairs.set(f.field.path, t)
          c.usedTargets.add(t)
        }
      }
    }
  }

  // How many removed (added) paths lie below each prefix: the denominators of coverage.
  const removedBelow = countBelow(removed)
  const addedBelow = countBelow(added)

  const accepted: Array<ObjectMove & { depth: number }> = []
  for (const c of candidates.values()) {
    let compatible = 0
    let positive = 0
    let negative = 0
    for (const [r, a] of c.pairs) {
      const ri = removedByPath.get(r)
      const ai = addedByPath.get(a)
      if (!ri || !ai || retypePlausibility(ri.field.type, ai.field.type) === 0) continue
      compatible++
      const v = compareSamples(ri.samples, ai.samples)
      if (v && v.evidence > 0) positive++
      if (v && v.evidence < 0) negative++
    }
    const fromEntry = removedByPath.get(c.from)
    const toEntry = addedByPath.get(c.to)
    const entriesPair = fromEntry !== undefined && toEntry !== undefined ? 1 : 0
    const support = compatible + entriesPair
    const coverFrom = compatible / (removedBelow.get(c.from) ?? 1)
    const coverTo = compatible / (addedBelow.get(c.to) ?? 1)
    if (support < 2 || compatible < 1 || coverFrom < 0.5 || coverTo < 0.3 || negative > positive) continue
    const name = nameSimilarity(fromEntry?.name ?? nameOf(c.from), toEntry?.name ?? nameOf(c.to))
    if (name.antonym) continue
    const convincing =
      name.score >= 0.5 || positive >= 2 || (support >= 3 && coverFrom >= 0.8 && coverTo >= 0.8 && name.score >= 0.3)
    if (!convincing) continue
    const score = 0.5 * name.score + 0.25 * coverFrom + 0.25 * coverTo + 0.05 * Math.min(positive, 3)
    accepted.push({ from: c.from, to: c.to, score, depth: depthOf(c.from) })
  }

  // Shallowest first (a moved parent explains its moved sub-objects), then strongest.
  accepted.sort((x, y) => x.depth - y.depth || y.score - x.score || cmp(x.from, y.from) || cmp(x.to, y.to))
  const chosen: ObjectMove[] = []
  for (const m of accepted) {
    const overlaps = chosen.some(
      (c) =>
        c.from === m.from ||
        c.to === m.to ||
        isUnder(m.from, c.from) ||
        isUnder(c.from, m.from) ||
        isUnder(m.to, c.to) ||
        isUnder(c.to, m.to),
    )
    if (!overlaps) chosen.push({ from: m.from, to: m.to, score: m.score })
  }
  return chosen
}

/** Rewrites an old path through the detected moves (deepest matching prefix). */
export function projectPath(path: string, moves: readonly ObjectMove[]): string {
  let best: ObjectMove | undefined
  for (const m of moves) {
    if ((path === m.from || isUnder(path, m.from)) && (!best || m.from.length > best.from.length)) best = m
  }
  return best ? joinPath(best.to, path === best.from ? '' : relativeTo(path, best.from)) : path
}

function countBelow(fields: readonly FieldInfo[]): Map<string, number> {
  const m = new Map<string, number>()
  for (const f of fields) for (const a of ancestorsOf(f.field.path)) m.set(a, (m.get(a) ?? 0) + 1)
  return m
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
