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

export type ScoringModel = {
  readonly features: readonly FeatureModel[]
  /** Features scored on their own. */
  readonly single: readonly FeatureModel[]
  /** Pairs of features scored together, both ways round (see Feature.swapGroup). */
  readonly swapped: ReadonlyArray<readonly [FeatureModel, FeatureModel]>
}

/** Splits the features into those scored alone and swap pairs (a swap group missing a partner is scored alone). */
function plan(features: readonly FeatureModel[]): Pick<ScoringModel, 'single' | 'swapped'> {
  const single: FeatureModel[] = []
  const swapped: Array<readonly [FeatureModel, FeatureModel]> = []
  const byGroup = new Map<string, FeatureModel[]>()
  for (const fm of features) {
    const group = fm.feature.swapGroup
    if (group === undefined || !fm.feature.crossLevel) single.push(fm)
    else byGroup.set(group, [...(byGroup.get(group) ?? []), fm])
  }
  for (const members of byGroup.values()) {
    const [x, y] = members
    if (members.length === 2 && x && y) swapped.push([x, y])
    else single.push(...members)
  }
  return { single, swapped }
}

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
  const models = features.map((feature, k) => {
    const row = counts[k] ?? new Float64Array(feature.levels.length)
    const seen = row.reduce((s, c) => s + c, 0)
    // Half a pair per level keeps u above zero where the sample never saw the level.
    const u = feature.levels.map((_, l) => ((row[l] ?? 0) + 0.5) / (seen + 0.5 * feature.levels.length))
    const weights = feature.levels.map((level, l) => Math.log2(level.m / (u[l] ?? 1)))
    const model: FeatureModel = { feature, weights, u }
    const exactByValue = feature.frequencyKey && exactWeights(records, feature, u[0] ?? 1)
    return exactByValue ? { ...model, exactByValue } : model
  })
  return { features: models, ...plan(models) }
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

/**
 * The evidence (bits, no prior) that `a` and `b` are one entity. Swapped fields are read both ways and the
 * better reading kept; a capped group counts once; two conflicting identifiers give CONFLICT_SCORE.
 */
export function scorePair(model: ScoringModel, a: PreparedRecord, b: PreparedRecord): number {
  let total = 0
  let conflicts = 0
  let uniqueAgrees = false
  let address = 0
  let hasAddress = false
  const add = (fm: FeatureModel, w: number) => {
    if (fm.feature.group === 'address') {
      address += w
      hasAddress = true
    } else total += w
  }
  for (const fm of model.single) {
    const f = fm.feature
    const level = f.level(a, b)
    if (level === undefined) continue
    if (f.identity && level === f.levels.length - 1) conflicts++
    if (f.identity === 'unique' && level <= 1) uniqueAgrees = true
    add(fm, levelWeight(fm, level, a))
  }
  for (const [x, y] of model.swapped) {
    const lx = x.feature.level(a, b)
    const ly = y.feature.level(a, b)
    const direct = levelWeight(x, lx, a) + levelWeight(y, ly, a)
    const cx = x.feature.crossLevel?.(a, b)
    const cy = y.feature.crossLevel?.(a, b)
    const crossed = levelWeight(x, cx, a) + levelWeight(y, cy, a) - SWAP_PENALTY
    const useCrossed = crossed > direct
    const [kx, ky] = useCrossed ? [cx, cy] : [lx, ly]
    if (x.feature.identity && kx === x.feature.levels.length - 1) conflicts++
    if (y.feature.identity && ky === y.feature.levels.length - 1) conflicts++
    // Both of a pair share a group (or none), so the pair's evidence goes where either would.
    add(x, useCrossed ? crossed : direct)
  }
  if (hasAddress) {
    const [low, high] = GROUP_CAPS.address
    total += Math.min(high, Math.max(low, address))
  }
  return conflicts >= 2 && !uniqueAgrees ? Math.min(total, CONFLICT_SCORE) : total
}
