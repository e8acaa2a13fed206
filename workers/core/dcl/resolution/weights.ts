// Fellegi-Sunter scoring: each feature's level adds log2(m/u) bits of evidence that two records are one
// entity. m comes with the feature (comparisons.ts); u, how often unrelated records agree at a level, is
// measured on a seeded sample of random pairs of this very input, and at the exact level of names on the
// value's own frequency ("smith" agreeing says less than "quilliam").
import type { Feature } from './comparisons.ts'
import type { PreparedRecord } from './prepare.ts'
import { seededRandom } from './random.ts'

/** Evidence of a pair that two identifiers conflict on, low enough to keep it apart in any cluster. */
export const CONFLICT_SCORE = -40

/** Caps on a group's summed evidence (bits), both ways. */
const GROUP_CAPS: Readonly<Record<NonNullable<Feature['group']>, readonly [number, number]>> = {
  address: [-6, 14],
}

/** Evidence lost by reading one record's first name as the other's last name (and back). */
const SWAP_PENALTY = 2

export type FeatureModel = {
  readonly feature: Feature
  /** log2(m/u) per level. */
  readonly weights: readonly number[]
  /** u per level, as measured. */
  readonly u: readonly number[]
  /** Exact-level weight per value, where the feature has value frequencies. */
  readonly exactByValue?: ReadonlyMap<string, number>
}

export type ScoringModel = { readonly features: readonly FeatureModel[] }

export type EstimateOptions = {
  /** Random pairs sampled to measure u. */
  samplePairs?: number
  seed?: number
}

/** Measures u for the features the records carry and turns each level into bits of evidence. */
export function estimateModel(
  records: readonly PreparedRecord[],
  features: readonly Feature[],
  options: EstimateOptions = {},
): ScoringModel {
  const n = records.length
  const totalPairs = (n * (n - 1)) / 2
  const samples = Math.min(options.samplePairs ?? 60_000, totalPairs)
  const random = seededRandom(options.seed ?? 17)
  const counts = features.map((f) => new Float64Array(f.levels.length))
  const pairs: Array<readonly [PreparedRecord, PreparedRecord]> = []
  for (let s = 0; s < samples; s++) {
    const i = Math.floor(random() * n)
    let j = Math.floor(random() * (n - 1))
    if (j >= i) j++
    const a = records[i]
    const b = records[j]
    if (a && b) pairs.push([a, b])
  }
  for (const [a, b] of pairs) {
    features.forEach((f, k) => {
      const level = f.level(a, b)
      const row = counts[k]
      if (level !== undefined && row) row[level] = (row[level] ?? 0) + 1
    })
  }
  return {
    features: features.map((feature, k) => {
      const row = counts[k] ?? new Float64Array(feature.levels.length)
      const seen = row.reduce((s, c) => s + c, 0)
      // Half a pair per level keeps u above zero where the sample never saw the level.
      const u = feature.levels.map((_, l) => ((row[l] ?? 0) + 0.5) / (seen + 0.5 * feature.levels.length))
      const weights = feature.levels.map((level, l) => Math.log2(level.m / (u[l] ?? 1)))
      const model: FeatureModel = { feature, weights, u }
      const exactByValue = feature.frequencyKey && exactWeights(records, feature, u[0] ?? 1)
      return exactByValue ? { ...model, exactByValue } : model
    }),
  }
}

/** Exact-level weight of each value: u is the chance a random record has it, never below the sampled floor. */
function exactWeights(records: readonly PreparedRecord[], feature: Feature, sampledU: number): Map<string, number> {
  const counts = new Map<string, number>()
  let present = 0
  for (const r of records) {
    const key = feature.frequencyKey?.(r)
    if (key === undefined) continue
    present++
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  const m = feature.levels[0]?.m ?? 1
  const floor = Math.min(sampledU, 1 / Math.max(present, 1))
  const weights = new Map<string, number>()
  for (const [key, count] of counts) weights.set(key, Math.log2(m / Math.max(count / present, floor)))
  return weights
}

function levelWeight(model: FeatureModel, level: number | undefined, a: PreparedRecord): number {
  if (level === undefined) return 0
  if (level === 0 && model.exactByValue) {
    const key = model.feature.frequencyKey?.(a)
    const w = key === undefined ? undefined : model.exactByValue.get(key)
    if (w !== undefined) return w
  }
  return model.weights[level] ?? 0
}

type Swap = { group: Feature['group']; direct: number; crossed: number; directConflicts: number; crossedConflicts: number }

/**
 * The evidence (bits, no prior) that `a` and `b` are one entity. Swapped fields are read both ways and the
 * better reading kept; a capped group counts once; two conflicting identifiers give CONFLICT_SCORE.
 */
export function scorePair(model: ScoringModel, a: PreparedRecord, b: PreparedRecord): number {
  let total = 0
  let conflicts = 0
  const groups = new Map<string, number>()
  const swaps = new Map<string, Swap>()
  const add = (group: Feature['group'], w: number) => {
    if (group) groups.set(group, (groups.get(group) ?? 0) + w)
    else total += w
  }
  for (const fm of model.features) {
    const f = fm.feature
    const level = f.level(a, b)
    const last = f.levels.length - 1
    const w = levelWeight(fm, level, a)
    if (f.swapGroup && f.crossLevel) {
      const crossLevel = f.crossLevel(a, b)
      const s = swaps.get(f.swapGroup) ?? {
        group: f.group,
        direct: 0,
        crossed: -SWAP_PENALTY,
        directConflicts: 0,
        crossedConflicts: 0,
      }
      s.direct += w
      s.crossed += levelWeight(fm, crossLevel, a)
      if (f.identifying && level === last) s.directConflicts++
      if (f.identifying && crossLevel === last) s.crossedConflicts++
      swaps.set(f.swapGroup, s)
      continue
    }
    if (f.identifying && level === last) conflicts++
    add(f.group, w)
  }
  for (const s of swaps.values()) {
    const crossed = s.crossed > s.direct
    add(s.group, crossed ? s.crossed : s.direct)
    conflicts += crossed ? s.crossedConflicts : s.directConflicts
  }
  for (const [group, sum] of groups) {
    const [low, high] = GROUP_CAPS[group as keyof typeof GROUP_CAPS] ?? [-Infinity, Infinity]
    total += Math.min(high, Math.max(low, sum))
  }
  return conflicts >= 2 ? Math.min(total, CONFLICT_SCORE) : total
}
