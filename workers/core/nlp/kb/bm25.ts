// Okapi BM25 over a tenant's chunks, planned here and computed by the database (kb-repo.ts) from the
// per-tenant statistics it keeps (document frequencies, chunk count, total length):
//   score(q, c) = Σ_t idf(t) · qtf(t) · tf(t,c)·(k1+1) / (tf(t,c) + k1·(1 − b + b·len(c)/avglen))
//   idf(t) = ln(1 + (N − df(t) + 0.5) / (df(t) + 0.5))          (Lucene's, never negative)
// Postgres' ts_rank has no idf and no length normalisation; measured on the dev set it loses to BM25 (see
// docs/decisions/013-hybrid-retrieval.md), so it is not used for ranking.
import { termFrequencies } from './analyze.ts'

export interface Bm25Params {
  k1: number
  b: number
}
export const DEFAULT_BM25: Bm25Params = { k1: 1.2, b: 0.75 }

/** What BM25 needs to know about a tenant's chunks. */
export interface CorpusStats {
  chunks: number
  /** Sum of every chunk's term count. */
  tokens: number
}

export const idf = (df: number, n: number) => Math.log(1 + (n - df + 0.5) / (df + 0.5))

export interface WeightedTerm {
  term: string
  /** idf · (k1 + 1) · how often the query says it: the term's score for a chunk is weight · tf / (tf + norm). */
  weight: number
  df: number
}

export interface LexicalPlan {
  /** Every query term the tenant's chunks contain, weighted. */
  terms: WeightedTerm[]
  /**
   * The terms a candidate must contain at least one of. First the rarest, until their chunk counts add up
   * to `candidateBudget` (always at least the rarest one): a cheap first pass. `exactPlan` then says which
   * terms a second pass needs so that the top results are exactly BM25's.
   */
  matchTerms: string[]
  /**
   * The terms a pass may match: all but the common ones, in more than `commonShare` of the chunks and more
   * than `candidateBudget` of them (always at least the rarest term). A common term is still scored wherever a candidate holds it; it only never brings in
   * candidates of its own, so neither pass reads its tens of thousands of postings.
   */
  matchable: string[]
  avgLength: number
  params: Bm25Params
}

/** Default number of postings the candidate query may touch (see LexicalPlan.matchTerms). */
export const DEFAULT_CANDIDATE_BUDGET = 2000

/**
 * Default share of the chunks above which a term is too common to bring in candidates (LexicalPlan.matchable):
 * 1, none is; the ranking stays exact BM25. A lower share is a measurement option (`aos search
 * --common-share`): measured, it cost nDCG before it saved time (docs/decisions/032-kb-bm25-scalar-scoring.md).
 */
export const DEFAULT_COMMON_SHARE = 1

/**
 * Plans BM25 for analysed query terms given each term's document frequency (terms missing from `df` occur
 * in no chunk). Null when no query term occurs in any chunk: nothing can match.
 */
export function planLexicalQuery(
  queryTerms: readonly string[],
  df: ReadonlyMap<string, number>,
  stats: CorpusStats,
  options: { params?: Bm25Params; candidateBudget?: number; commonShare?: number } = {},
): LexicalPlan | null {
  const params = options.params ?? DEFAULT_BM25
  const budget = options.candidateBudget ?? DEFAULT_CANDIDATE_BUDGET
  // Common: in more than the share of the chunks and more postings than the whole first pass may read, so
  // a small knowledge base (where every term is a large share) keeps exact BM25.
  const commonDf = Math.max((options.commonShare ?? DEFAULT_COMMON_SHARE) * stats.chunks, budget)
  const terms: WeightedTerm[] = []
  for (const [term, count] of termFrequencies(queryTerms)) {
    const d = df.get(term) ?? 0
    if (d <= 0) continue
    terms.push({ term, df: d, weight: idf(d, stats.chunks) * (params.k1 + 1) * count })
  }
  if (terms.length === 0 || stats.chunks <= 0) return null
  const byRarity = [...terms].sort((a, b) => a.df - b.df || (a.term < b.term ? -1 : 1))
  const matchable = byRarity.filter((t, i) => i === 0 || t.df <= commonDf).map((t) => t.term)
  const matchTerms: string[] = []
  let postings = 0
  for (const t of byRarity.slice(0, matchable.length)) {
    if (matchTerms.length > 0 && postings + t.df > budget) break
    matchTerms.push(t.term)
    postings += t.df
  }
  return { terms, matchTerms, matchable, avgLength: stats.tokens / stats.chunks, params }
}

/**
 * After a first pass over `plan.matchTerms` returned `scores` (best first, at most `pool`), the plan that
 * makes the top `pool` exactly BM25's, or null when the first pass already did. The argument, as in
 * MaxScore (Turtle and Flood 1995): a term adds less than its weight to any chunk, so a chunk holding only
 * terms whose weights sum below the first pass's `pool`-th score cannot reach the top; every other term
 * (the "essential" ones) must be matched. With fewer than `pool` results every term is essential.
 * Common terms (not `matchable`) are never matched: the ranking is exact except for chunks whose only query
 * terms are common ones or non-essential ones.
 */
export function exactPlan(plan: LexicalPlan, scores: readonly number[], pool: number): LexicalPlan | null {
  const threshold = scores.length >= pool ? (scores[pool - 1] as number) : 0
  const nonEssential = new Set<string>()
  let bound = 0
  for (const t of [...plan.terms].sort((a, b) => a.weight - b.weight)) {
    if (bound + t.weight >= threshold) break
    bound += t.weight
    nonEssential.add(t.term)
  }
  const matched = new Set(plan.matchTerms)
  const essential = plan.matchable.filter((t) => !nonEssential.has(t))
  return essential.every((t) => matched.has(t)) ? null : { ...plan, matchTerms: essential }
}

/** BM25 of one chunk, from its term frequencies: what the SQL computes, for tests and in-memory use. */
export function bm25Score(plan: LexicalPlan, tf: ReadonlyMap<string, number>, length: number): number {
  const { k1, b } = plan.params
  const norm = k1 * (1 - b + (b * length) / plan.avgLength)
  let score = 0
  for (const t of plan.terms) {
    const f = tf.get(t.term) ?? 0
    if (f > 0) score += (t.weight * f) / (f + norm)
  }
  return score
}
