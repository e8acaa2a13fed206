// Okapi BM25 over a tenant's chunks, planned here and computed by the database (kb-repo.ts) from its postings
// and the per-tenant statistics it keeps (document frequencies, chunk count, total length):
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
  avgLength: number
  /** Chunks the tenant has (N). */
  chunks: number
  params: Bm25Params
}

/**
 * Plans BM25 for analysed query terms given each term's document frequency (terms missing from `df` occur
 * in no chunk). Null when no query term occurs in any chunk: nothing can match.
 */
export function planLexicalQuery(
  queryTerms: readonly string[],
  df: ReadonlyMap<string, number>,
  stats: CorpusStats,
  options: { params?: Bm25Params } = {},
): LexicalPlan | null {
  const params = options.params ?? DEFAULT_BM25
  const terms: WeightedTerm[] = []
  for (const [term, count] of termFrequencies(queryTerms)) {
    const d = df.get(term) ?? 0
    if (d <= 0) continue
    terms.push({ term, df: d, weight: idf(d, stats.chunks) * (params.k1 + 1) * count })
  }
  if (terms.length === 0 || stats.chunks <= 0) return null
  return { terms, avgLength: stats.tokens / stats.chunks, chunks: stats.chunks, params }
}

/** The plan's terms ordered by `key`, ascending; equal ones by term, so passes do not depend on query order. */
const termsBy = (plan: LexicalPlan, key: 'df' | 'weight') =>
  [...plan.terms].sort((a, b) => a[key] - b[key] || (a.term < b.term ? -1 : 1))

/** Default number of postings the first pass reads (see firstPassTerms). */
export const DEFAULT_FIRST_PASS_POSTINGS = 2000

/**
 * The terms of a cheap first pass: the rarest, while their postings add up to at most `budget` (always the
 * rarest one). Its best chunks, scored on every term, give the score the top results must reach
 * (`secondPass`).
 */
export function firstPassTerms(plan: LexicalPlan, budget = DEFAULT_FIRST_PASS_POSTINGS): string[] {
  const picked: string[] = []
  let postings = 0
  for (const t of termsBy(plan, 'df')) {
    if (picked.length > 0 && postings + t.df > budget) break
    picked.push(t.term)
    postings += t.df
  }
  return picked
}

/** How many of the first pass's best chunks (by their score on its terms), per result, are scored in full. */
export const FIRST_PASS_DEPTH = 10

/**
 * What a key lookup of one posting costs beside reading one in a merged range, measured on PostgreSQL 15 at
 * 100,000 chunks (~3.5 µs against ~0.35 µs; docs/decisions/039-bm25-merged-postings-and-partition-costs.md).
 */
export const LOOKUP_COST = 10

/** The survivor estimate's resolution: score steps up to the need, and occurrences per chunk considered. */
const SCORE_STEPS = 32
const MAX_OCCURRENCES = 12
/**
 * Beyond this many essential terms the estimate is every chunk holding one (an upper bound), so a long query
 * (up to 4,000 characters) costs the planner microseconds per partition, not milliseconds.
 */
const MAX_ESTIMATED_TERMS = 16

/**
 * About how many chunks reach `need` on the `essential` terms alone: those the second pass looks the light
 * terms up for. Each term is taken to occur in a chunk independently of the others, as a Poisson count whose
 * rate gives its document frequency (λ = −ln(1 − df/N)), in a chunk of average length; the distribution of
 * the chunk's score on the essential terms is summed term by term on a grid of SCORE_STEPS steps up to
 * `need`. Only what the second pass costs depends on it, never what it finds.
 */
function survivors(plan: LexicalPlan, essential: readonly WeightedTerm[], need: number): number {
  if (essential.length > MAX_ESTIMATED_TERMS) return essential.reduce((n, t) => n + t.df, 0)
  const step = need / SCORE_STEPS
  // share[i]: the share of chunks whose score so far is in step i (the last step: `need` or more).
  let share = new Float64Array(SCORE_STEPS + 1)
  share[0] = 1
  for (const t of essential) {
    const rate = -Math.log(Math.max(1e-12, 1 - t.df / plan.chunks))
    const next = new Float64Array(SCORE_STEPS + 1)
    let poisson = Math.exp(-rate)
    let left = 1
    for (let tf = 0; tf <= MAX_OCCURRENCES && left > 1e-9; tf++) {
      if (tf > 0) poisson *= rate / tf
      const p = tf === MAX_OCCURRENCES ? left : poisson
      left -= p
      const steps = Math.floor((t.weight * tf) / (tf + plan.params.k1) / step)
      for (let i = 0; i <= SCORE_STEPS; i++) {
        const to = Math.min(SCORE_STEPS, i + steps)
        next[to] = (next[to] as number) + (share[i] as number) * p
      }
    }
    share = next
  }
  return (share[SCORE_STEPS] as number) * plan.chunks
}

export type SecondPass = { read: string[]; restBound: number }

/**
 * The second pass, once `threshold` is a score the top results are known to reach. MaxScore (Turtle and
 * Flood 1995): light terms whose weights sum below it cannot lift a chunk holding only them that far (a term
 * adds less than its weight), so only the other, essential terms' postings are read, and the light ones are
 * looked up for the chunks that can still make it (`restBound`: the most they can add). Any number of the
 * lightest terms may be left light, from none (read every term) to as many as stay below the threshold: the
 * pass takes the cheapest, reading the essential postings against looking the light terms up for the chunks
 * estimated to survive. Every choice ranks the same.
 */
export function secondPass(plan: LexicalPlan, threshold: number): SecondPass {
  const byWeight = termsBy(plan, 'weight')
  const postings = (terms: readonly WeightedTerm[]) => terms.reduce((n, t) => n + t.df, 0)
  let best = { read: plan.terms.map((t) => t.term), restBound: 0, cost: postings(byWeight) }
  let restBound = 0
  // The heaviest term is always essential: a chunk at the threshold holds at least one essential term.
  for (let light = 1; light < byWeight.length; light++) {
    restBound += (byWeight[light - 1] as WeightedTerm).weight
    if (restBound >= threshold) break
    const essential = byWeight.slice(light)
    const cost = postings(essential) + LOOKUP_COST * light * survivors(plan, essential, threshold - restBound)
    if (cost < best.cost) best = { read: essential.map((t) => t.term), restBound, cost }
  }
  return { read: best.read, restBound: best.restBound }
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
