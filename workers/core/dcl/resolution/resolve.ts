// Entity resolution end to end: normalise, block, score, cluster. Pure and synchronous; the caller
// reads and writes the records.
import { type BlockingOptions, candidatePairs } from './blocking.ts'
import { clusterPairs, type ScoredPair } from './cluster.ts'
import { FEATURES } from './comparisons.ts'
import { inferSourceLayouts, type SourceLayout } from './layout.ts'
import { type PreparedRecord, prepareRecord } from './prepare.ts'
import type { FieldRoles, ResolutionRecord } from './roles.ts'
import { estimateModel, scorePair } from './weights.ts'

export type ResolveOptions = {
  /** Field name → role, e.g. PERSON_FIELD_ROLES. */
  roles: FieldRoles
  blocking?: BlockingOptions
  /** Random pairs sampled to measure how often unrelated records agree. */
  samplePairs?: number
}

export type ResolveStats = {
  records: number
  /** Features compared (those the records carry). */
  features: string[]
  /** What each source was found to do (day/month order of its dates, whole names in one field). */
  layouts: Record<string, SourceLayout>
  candidatePairs: number
  /** Pairs scored above the match threshold. */
  matchedPairs: number
  /** Blocking keys dropped as too common. */
  oversizedKeys: number
  /** Estimated share of all pairs that are matches, as log2 odds (the prior). */
  priorLogOdds: number
  clusters: number
}

export type ResolveResult = { clusters: string[][]; stats: ResolveStats }

/** Clusters of record ids that are one entity; every record is in exactly one cluster. */
export function resolveEntities(records: readonly ResolutionRecord[], options: ResolveOptions): ResolveResult {
  const layouts = inferSourceLayouts(records, options.roles)
  const prepared = records.map((r, i) => prepareRecord(r, i, options.roles, layouts.get(r.source)))
  const features = FEATURES.filter((f) => prepared.filter((r) => f.has(r)).length >= 2)
  const model = estimateModel(prepared, features, { samplePairs: options.samplePairs })
  const n = prepared.length
  const { pairs, oversizedKeys } = candidatePairs(prepared, options.blocking)

  const at = (i: number) => prepared[i] as PreparedRecord
  const scored: ScoredPair[] = []
  for (const key of pairs) {
    const i = Math.floor(key / n)
    const j = key - i * n
    scored.push({ i, j, score: scorePair(model, at(i), at(j)) })
  }
  const prior = estimatePrior(
    scored.map((p) => p.score),
    n,
  )
  const withPrior = scored.map((p) => ({ ...p, score: p.score + prior }))
  const clusters = clusterPairs(n, withPrior, (i, j) => scorePair(model, at(i), at(j)) + prior)
  return {
    clusters: clusters.map((c) => c.map((i) => at(i).id)),
    stats: {
      records: n,
      features: features.map((f) => f.name),
      layouts: Object.fromEntries(layouts),
      candidatePairs: pairs.size,
      matchedPairs: withPrior.filter((p) => p.score >= 0).length,
      oversizedKeys,
      priorLogOdds: prior,
      clusters: clusters.length,
    },
  }
}

/**
 * The prior log2 odds that a random pair is a match, estimated from the candidates' evidence (the
 * expected number of matches among them over all pairs, iterated to a fixed point). Starts from one
 * duplicate per record.
 */
export function estimatePrior(scores: readonly number[], n: number): number {
  const totalPairs = Math.max(1, (n * (n - 1)) / 2)
  let share = Math.min(0.5, n / totalPairs)
  for (let round = 0; round < 20; round++) {
    const prior = Math.log2(share / (1 - share))
    let expected = 0
    for (const s of scores) expected += 1 / (1 + 2 ** -(s + prior))
    const next = Math.min(0.5, Math.max(1 / totalPairs, expected / totalPairs))
    if (Math.abs(Math.log2(next / share)) < 0.01) {
      share = next
      break
    }
    share = next
  }
  return Math.log2(share / (1 - share))
}
