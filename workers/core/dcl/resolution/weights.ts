// Fellegi-Sunter scoring: each feature's level adds log2(m/u) bits of evidence that two records are one
// entity. m comes with the feature (features.ts); u, how often unrelated records agree at a level, is
// measured on a seeded sample of random pairs of this very input (leaning on the feature's prior u where
// the input is small), and at the exact level of names on the value's own frequency ("smith" agreeing
// says less than "quilliam").
//
// A pair is compared once into a vector of levels (comparePair); weights turn a vector into evidence
// (scoreLevels), so re-estimating the weights never repeats the string comparisons.
import type { Feature } from './features.ts'
import type { PreparedRecord } from './prepare.ts'
import { seededRandom } from './random.ts'

/** Evidence of a pair that two identifiers conflict on, low enough to keep it apart in any cluster. */
export const CONFLICT_SCORE = -40

/** Caps on the address parts' summed evidence (bits), both ways. */
const ADDRESS_CAP: readonly [number, number] = [-6, 14]

/** Evidence lost by reading one record's first name as the other's last name (and back). */
const SWAP_PENALTY = 2

/** Weight of the features' prior u, in sampled pairs: a 1,000-record input is measured, a 10-record one mostly assumed. */
const PRIOR_PAIRS = 1000

/** A unique identifier held by more records than this is a placeholder ("000000000"), not an identity. */
const PLACEHOLDER_COUNT = 8

/** Level slot value for "either value missing". */
const MISSING = -1

/**
 * Which features a run compares and where their levels sit in a pair's vector: one slot per feature
 * scored alone, four per swap pair (direct x, direct y, crossed x, crossed y).
 */
export type PairLayout = {
  readonly features: readonly Feature[]
  readonly single: readonly number[]
  readonly swapped: ReadonlyArray<readonly [number, number]>
  readonly width: number
  /** Per feature: values of a unique identifier that too many records share, compared as if missing. */
  readonly placeholders: ReadonlyArray<ReadonlySet<string> | undefined>
  /** Per feature with value frequencies: how many records hold each value, and how many hold any. */
  readonly valueCounts: ReadonlyArray<{ counts: ReadonlyMap<string, number>; present: number } | undefined>
}

export function pairLayout(records: readonly PreparedRecord[], features: readonly Feature[]): PairLayout {
  const single: number[] = []
  const swapped: Array<readonly [number, number]> = []
  const byGroup = new Map<string, number[]>()
  features.forEach((f, k) => {
    if (f.swapGroup === undefined || !f.crossLevel) single.push(k)
    else byGroup.set(f.swapGroup, [...(byGroup.get(f.swapGroup) ?? []), k])
  })
  for (const members of byGroup.values()) {
    const [x, y] = members
    if (members.length === 2 && x !== undefined && y !== undefined) swapped.push([x, y])
    else single.push(...members)
  }
  const valueCounts = features.map((f) => {
    if (!f.frequencyKey) return undefined
    const counts = new Map<string, number>()
    let present = 0
    for (const r of records) {
      const key = f.frequencyKey(r)
      if (key === undefined) continue
      present++
      counts.set(key, (counts.get(key) ?? 0) + 1)
    }
    return { counts, present }
  })
  const placeholders = features.map((f, k) => {
    const values = valueCounts[k]
    if (f.identity !== 'unique' || !values) return undefined
    const common = [...values.counts].filter(([, c]) => c > PLACEHOLDER_COUNT).map(([key]) => key)
    return common.length > 0 ? new Set(common) : undefined
  })
  return { features, single, swapped, width: single.length + 4 * swapped.length, placeholders, valueCounts }
}

const isPlaceholder = (layout: PairLayout, k: number, r: PreparedRecord) => {
  const set = layout.placeholders[k]
  if (!set) return false
  const key = layout.features[k]?.frequencyKey?.(r)
  return key !== undefined && set.has(key)
}

/** The levels of a pair, written into `out` at `offset` (MISSING where either value is absent). */
export function comparePair(
  layout: PairLayout,
  a: PreparedRecord,
  b: PreparedRecord,
  out: Int8Array = new Int8Array(layout.width),
  offset = 0,
): Int8Array {
  let slot = offset
  for (const k of layout.single) {
    const f = layout.features[k] as Feature
    const level = isPlaceholder(layout, k, a) || isPlaceholder(layout, k, b) ? undefined : f.level(a, b)
    out[slot++] = level ?? MISSING
  }
  for (const [x, y] of layout.swapped) {
    const fx = layout.features[x] as Feature
    const fy = layout.features[y] as Feature
    out[slot++] = fx.level(a, b) ?? MISSING
    out[slot++] = fy.level(a, b) ?? MISSING
    out[slot++] = fx.crossLevel?.(a, b) ?? MISSING
    out[slot++] = fy.crossLevel?.(a, b) ?? MISSING
  }
  return out
}

/** Random pairs and their levels, for measuring u. */
export type Sample = { readonly pairs: Int32Array; readonly levels: Int8Array; readonly size: number }

export function samplePairs(layout: PairLayout, records: readonly PreparedRecord[], size = 30_000, seed = 17): Sample {
  const n = records.length
  const count = n < 2 ? 0 : Math.min(size, (n * (n - 1)) / 2)
  const random = seededRandom(seed)
  const pairs = new Int32Array(2 * count)
  const levels = new Int8Array(count * layout.width)
  for (let s = 0; s < count; s++) {
    const i = Math.floor(random() * n)
    let j = Math.floor(random() * (n - 1))
    if (j >= i) j++
    pairs[2 * s] = i
    pairs[2 * s + 1] = j
    comparePair(layout, records[i] as PreparedRecord, records[j] as PreparedRecord, levels, s * layout.width)
  }
  return { pairs, levels, size: count }
}

export type ScoringModel = {
  readonly layout: PairLayout
  /** Per feature, log2(m/u) per level. */
  readonly weights: ReadonlyArray<readonly number[]>
  /** Per feature, u per level as estimated. */
  readonly u: ReadonlyArray<readonly number[]>
  /** Per feature with value frequencies, the exact-level weight of each value. */
  readonly exactByValue: ReadonlyArray<ReadonlyMap<string, number> | undefined>
}

/**
 * u per level from the sample (pairs `exclude` marks as likely matches left out: among a few thousand
 * records duplicates are a visible share of random pairs and would make agreement look common), blended
 * with the features' prior u, and the resulting weights.
 */
export function estimateModel(
  layout: PairLayout,
  sample: Sample,
  exclude: (sampleIndex: number) => boolean = () => false,
): ScoringModel {
  const counts = layout.features.map((f) => new Float64Array(f.levels.length))
  const tally = (k: number, level: number | undefined) => {
    const row = counts[k]
    if (row && level !== undefined && level >= 0) row[level] = (row[level] ?? 0) + 1
  }
  for (let s = 0; s < sample.size; s++) {
    if (exclude(s)) continue
    let slot = s * layout.width
    for (const k of layout.single) tally(k, sample.levels[slot++])
    for (const [x, y] of layout.swapped) {
      tally(x, sample.levels[slot])
      tally(y, sample.levels[slot + 1])
      slot += 4
    }
  }
  const u = layout.features.map((f, k) => {
    const row = counts[k] ?? new Float64Array(f.levels.length)
    const seen = row.reduce((sum, c) => sum + c, 0)
    return f.levels.map((level, l) => ((row[l] ?? 0) + PRIOR_PAIRS * level.u) / (seen + PRIOR_PAIRS))
  })
  const weights = layout.features.map((f, k) => f.levels.map((level, l) => Math.log2(level.m / (u[k]?.[l] ?? 1))))
  const exactByValue = layout.features.map((f, k) => {
    const values = layout.valueCounts[k]
    if (!values || f.identity === 'unique') return undefined
    // u of a value: the chance a random record holds it, never below the level's u.
    const m = f.levels[0]?.m ?? 1
    const floor = Math.min(u[k]?.[0] ?? 1, 1 / Math.max(values.present, 1))
    const byValue = new Map<string, number>()
    for (const [key, count] of values.counts) byValue.set(key, Math.log2(m / Math.max(count / values.present, floor)))
    return byValue
  })
  return { layout, weights, u, exactByValue }
}

function weightOf(model: ScoringModel, k: number, level: number, a: PreparedRecord): number {
  if (level < 0) return 0
  if (level === 0) {
    const byValue = model.exactByValue[k]
    const key = byValue && model.layout.features[k]?.frequencyKey?.(a)
    const w = key === undefined ? undefined : byValue?.get(key)
    if (w !== undefined) return w
  }
  return model.weights[k]?.[level] ?? 0
}

/**
 * The evidence (bits, no prior) of a pair's levels (at `offset` in `levels`) that the two records are
 * one entity. Swapped fields count the better of the two readings; the address parts count once, capped;
 * two conflicting identifiers give CONFLICT_SCORE. `a` is the pair's first record (for value frequencies).
 */
export function scoreLevels(model: ScoringModel, levels: Int8Array, a: PreparedRecord, offset = 0): number {
  const { layout } = model
  let total = 0
  let address = 0
  let hasAddress = false
  let conflicts = 0
  let uniqueAgrees = false
  let slot = offset
  for (const k of layout.single) {
    const f = layout.features[k] as Feature
    const level = levels[slot++] ?? MISSING
    if (level < 0) continue
    if (f.identity !== undefined && level === f.levels.length - 1) conflicts++
    if (f.identity === 'unique' && level <= 1) uniqueAgrees = true
    const w = weightOf(model, k, level, a)
    if (f.group === 'address') {
      address += w
      hasAddress = true
    } else total += w
  }
  for (const [x, y] of layout.swapped) {
    const fx = layout.features[x] as Feature
    const fy = layout.features[y] as Feature
    const lx = levels[slot] ?? MISSING
    const ly = levels[slot + 1] ?? MISSING
    const cx = levels[slot + 2] ?? MISSING
    const cy = levels[slot + 3] ?? MISSING
    slot += 4
    const direct = weightOf(model, x, lx, a) + weightOf(model, y, ly, a)
    const crossed = weightOf(model, x, cx, a) + weightOf(model, y, cy, a) - SWAP_PENALTY
    const useCrossed = crossed > direct
    const kx = useCrossed ? cx : lx
    const ky = useCrossed ? cy : ly
    if (fx.identity !== undefined && kx === fx.levels.length - 1) conflicts++
    if (fy.identity !== undefined && ky === fy.levels.length - 1) conflicts++
    // Both of a swap pair share a group (or none), so the pair's evidence goes where either would.
    if (fx.group === 'address') {
      address += useCrossed ? crossed : direct
      hasAddress = true
    } else total += useCrossed ? crossed : direct
  }
  if (hasAddress) total += Math.min(ADDRESS_CAP[1], Math.max(ADDRESS_CAP[0], address))
  return conflicts >= 2 && !uniqueAgrees ? Math.min(total, CONFLICT_SCORE) : total
}

/** Compares and scores one pair (for pairs outside the candidates, such as a merge's cross pairs). */
export function scorePair(model: ScoringModel, a: PreparedRecord, b: PreparedRecord): number {
  return scoreLevels(model, comparePair(model.layout, a, b), a)
}
