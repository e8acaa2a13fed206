// Entity resolution end to end: normalise, block, score, cluster. Pure and synchronous; the caller
// reads and writes the records.
import { type BlockingOptions, candidatePairs } from './blocking.ts'
import { clusterPairs, type ScoredPair } from './cluster.ts'
import { FEATURES } from './features.ts'
import { compareCandidates, fitModel } from './fit.ts'
import { inferSourceLayouts, type SourceLayout } from './layout.ts'
import { type PreparedRecord, prepareRecord } from './prepare.ts'
import type { FieldRoles, ResolutionRecord } from './roles.ts'
import { pairLayout, scorePair } from './weights.ts'

export type ResolveOptions = {
  /** Field name → role, e.g. PERSON_FIELD_ROLES. */
  roles: FieldRoles
  blocking?: BlockingOptions
  /** Random pairs sampled to measure how often unrelated records agree. */
  samplePairs?: number
  /** Told as each stage ends (for progress lines on long runs). */
  onProgress?: (stage: ResolveStage, detail: string) => void
}

export type ResolveStage = 'prepared' | 'blocked' | 'scored' | 'clustered'

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
  const sourceLayouts = inferSourceLayouts(records, options.roles)
  const prepared = records.map((r, i) => prepareRecord(r, i, options.roles, sourceLayouts.get(r.source)))
  const features = FEATURES.filter((f) => prepared.filter((r) => f.has(r)).length >= 2)
  const progress = options.onProgress ?? (() => {})
  progress('prepared', `${prepared.length} records; comparing ${features.map((f) => f.name).join(', ') || 'nothing'}`)
  const layout = pairLayout(prepared, features)
  const { pairs, oversizedKeys } = candidatePairs(prepared, options.blocking)
  progress('blocked', `${pairs.length} candidate pairs`)
  const compared = compareCandidates(layout, prepared, pairs)
  const { model, prior, scores } = fitModel(layout, prepared, compared, options.samplePairs)
  progress('scored', `prior ${prior.toFixed(1)} bits`)

  const n = prepared.length
  const at = (i: number) => prepared[i] as PreparedRecord
  const scored: ScoredPair[] = Array.from(compared.keys, (key, p) => {
    const i = Math.floor(key / n)
    return { i, j: key - i * n, score: (scores[p] ?? 0) + prior }
  })
  const clusters = clusterPairs(n, scored, (i, j) => scorePair(model, at(i), at(j)) + prior)
  progress('clustered', `${clusters.length} clusters`)
  return {
    clusters: clusters.map((c) => c.map((i) => at(i).id)),
    stats: {
      records: n,
      features: features.map((f) => f.name),
      layouts: Object.fromEntries(sourceLayouts),
      candidatePairs: pairs.length,
      matchedPairs: scored.filter((p) => p.score >= 0).length,
      oversizedKeys,
      priorLogOdds: prior,
      clusters: clusters.length,
    },
  }
}
