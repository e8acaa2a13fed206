// The scoring model for one input: candidate pairs compared once, u measured on random pairs in two passes
// (the second without the pairs the first calls matches), and the prior share of matches.
import type { PreparedRecord } from './prepare.ts'
import { comparePair, estimateModel, type PairLayout, type ScoringModel, samplePairs, scoreLevels } from './weights.ts'

/** Candidate pairs (keys `i * n + j`) with their levels, compared once. */
export type ComparedPairs = { readonly keys: Float64Array; readonly levels: Int8Array; readonly n: number }

export function compareCandidates(
  layout: PairLayout,
  records: readonly PreparedRecord[],
  keys: Float64Array,
): ComparedPairs {
  const n = records.length
  const levels = new Int8Array(keys.length * layout.width)
  keys.forEach((key, p) => {
    const i = Math.floor(key / n)
    comparePair(layout, records[i] as PreparedRecord, records[key - i * n] as PreparedRecord, levels, p * layout.width)
  })
  return { keys, levels, n }
}

/** Evidence (bits, no prior) of every candidate pair under `model`. */
export function scoreCandidates(
  model: ScoringModel,
  records: readonly PreparedRecord[],
  compared: ComparedPairs,
): Float64Array {
  const { keys, levels, n } = compared
  const width = model.layout.width
  return keys.map((key, p) => scoreLevels(model, levels, records[Math.floor(key / n)] as PreparedRecord, p * width))
}

export type FittedModel = { readonly model: ScoringModel; readonly prior: number; readonly scores: Float64Array }

export function fitModel(
  layout: PairLayout,
  records: readonly PreparedRecord[],
  compared: ComparedPairs,
  sampleSize?: number,
): FittedModel {
  const { n } = compared
  const sample = samplePairs(layout, records, sampleSize)
  const first = estimateModel(layout, sample)
  const firstScores = scoreCandidates(first, records, compared)
  const firstPrior = estimatePrior(firstScores, n)
  const likelyMatches = new Set<number>()
  compared.keys.forEach((key, p) => {
    if ((firstScores[p] ?? 0) + firstPrior >= 0) likelyMatches.add(key)
  })
  const model = estimateModel(layout, sample, (s) => {
    const i = sample.pairs[2 * s] ?? 0
    const j = sample.pairs[2 * s + 1] ?? 0
    return likelyMatches.has(i < j ? i * n + j : j * n + i)
  })
  const scores = scoreCandidates(model, records, compared)
  return { model, prior: estimatePrior(scores, n), scores }
}

/**
 * The prior log2 odds that a random pair is a match, estimated from the candidates' evidence (the
 * expected number of matches among them over all pairs, iterated to a fixed point). Starts from one
 * duplicate per record.
 */
export function estimatePrior(scores: ArrayLike<number>, n: number): number {
  const totalPairs = Math.max(1, (n * (n - 1)) / 2)
  let share = Math.min(0.5, n / totalPairs)
  for (let round = 0; round < 20; round++) {
    const prior = Math.log2(share / (1 - share))
    let expected = 0
    for (let p = 0; p < scores.length; p++) expected += 1 / (1 + 2 ** -((scores[p] ?? 0) + prior))
    const next = Math.min(0.5, Math.max(1 / totalPairs, expected / totalPairs))
    const settled = Math.abs(Math.log2(next / share)) < 0.01
    share = next
    if (settled) break
  }
  return Math.log2(share / (1 - share))
}
