// Merges the full-text and vector candidate lists into one ranking. Two methods, chosen by measurement on
// the dev set (docs/decisions/013-hybrid-retrieval.md):
// - `rrf`, reciprocal rank fusion (Cormack et al. 2009): Σ weight / (k + rank); ignores score gaps.
// - `score`, a convex combination of scores min-max normalised within each list (missing = 0); keeps how far
//   ahead a first hit is, which matters when one retriever is much weaker than the other.
export const RETRIEVERS = ['fulltext', 'vector'] as const
export type Retriever = (typeof RETRIEVERS)[number]

export interface Candidate<Id> {
  id: Id
  score: number
}

export interface RetrieverHit {
  /** 1-based rank in that retriever's list. */
  rank: number
  /** The retriever's own score: BM25 for full text, cosine similarity for vectors. */
  score: number
}

export interface FusedHit<Id> {
  id: Id
  score: number
  /** Which retrievers found it, with their rank and score. */
  retrievers: Partial<Record<Retriever, RetrieverHit>>
}

export type FusionOptions =
  | { method: 'rrf'; k?: number; weights?: Partial<Record<Retriever, number>> }
  | { method: 'score'; weights?: Partial<Record<Retriever, number>> }

export const DEFAULT_FUSION: FusionOptions = { method: 'score', weights: { fulltext: 0.75, vector: 0.25 } }

const RRF_K = 60

/** Best first; ties broken by id order of first appearance (full text first), so the output is deterministic. */
export function fuse<Id>(
  lists: Partial<Record<Retriever, readonly Candidate<Id>[]>>,
  options: FusionOptions = DEFAULT_FUSION,
): FusedHit<Id>[] {
  const hits = new Map<Id, FusedHit<Id>>()
  for (const retriever of RETRIEVERS) {
    const list = lists[retriever] ?? []
    const weight = options.weights?.[retriever] ?? (options.method === 'rrf' ? 1 : 0.5)
    let max = Number.NEGATIVE_INFINITY
    let min = Number.POSITIVE_INFINITY
    for (const c of list) {
      max = Math.max(max, c.score)
      min = Math.min(min, c.score)
    }
    list.forEach((c, i) => {
      let hit = hits.get(c.id)
      if (!hit) {
        hit = { id: c.id, score: 0, retrievers: {} }
        hits.set(c.id, hit)
      }
      hit.retrievers[retriever] = { rank: i + 1, score: c.score }
      if (options.method === 'rrf') hit.score += weight / ((options.k ?? RRF_K) + i + 1)
      else hit.score += weight * (max > min ? (c.score - min) / (max - min) : 1)
    })
  }
  return [...hits.values()].sort((a, b) => b.score - a.score)
}
