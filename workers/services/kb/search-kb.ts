import { KB_EMBEDDING_DIMENSIONS } from '../../../db/schema/kb.ts'
import { withTenant } from '../../adapters/db/client.ts'
import {
  chunkDetails,
  fullTextCandidates,
  type KbCandidate,
  type KbChunkDetail,
  lexicalStats,
  vectorCandidates,
} from '../../adapters/db/kb-repo.ts'
import { analyze } from '../../core/nlp/kb/analyze.ts'
import {
  type Bm25Params,
  FIRST_PASS_DEPTH,
  firstPassTerms,
  planLexicalQuery,
  secondPass,
} from '../../core/nlp/kb/bm25.ts'
import type { KbSearchRequest } from '../../core/nlp/kb/document.ts'
import { DEFAULT_FUSION, type FusedHit, type FusionOptions, fuse } from '../../core/nlp/kb/fusion.ts'
import type { KbDeps } from './kb-deps.ts'

/** How the ranking is made; the defaults are what the API uses and what `aos search` measures. */
export interface KbRankingOptions {
  /** Chunks the vector retriever contributes before fusion (at least the request's limit). */
  candidates?: number
  /** Chunks BM25 contributes before fusion (default: three times the limit, at least 30). */
  lexicalCandidates?: number
  fusion?: FusionOptions
  bm25?: Bm25Params
  /** Postings BM25's first pass may read (bm25.ts, firstPassTerms); the ranking is the same whatever it is. */
  firstPassPostings?: number
}

export const DEFAULT_CANDIDATES = 100

export interface RankedChunk extends FusedHit<string> {
  documentId: string
  documentKey: string
}

/**
 * The tenant's best chunks for a query, fused from full-text (BM25) and vector candidates, each with the
 * retrievers that found it. The query is embedded before the transaction opens.
 */
export async function rankKbChunks(
  deps: KbDeps,
  tenantId: string,
  request: KbSearchRequest,
  options: KbRankingOptions = {},
): Promise<RankedChunk[]> {
  const pool = Math.max(options.candidates ?? DEFAULT_CANDIDATES, request.limit)
  const lexicalPool = Math.max(options.lexicalCandidates ?? Math.max(3 * request.limit, 30), request.limit)
  const useText = request.mode !== 'vector'
  const useVector = request.mode !== 'fulltext'
  const embedded = useVector
    ? await deps.llm.embed([request.query], { dimensions: KB_EMBEDDING_DIMENSIONS, task: 'retrieval' })
    : undefined
  const terms = useText ? analyze(request.query) : []
  const queryVector = embedded?.vectors[0]
  // The two retrievers run side by side, each in its own transaction on its own connection: a search
  // waits for the slower of them, not for both in turn (most of each is round trips, not work).
  const [text, vector] = await Promise.all([
    terms.length > 0
      ? withTenant(deps.db, tenantId, async (tx) => {
          const { stats, df } = await lexicalStats(tx, tenantId, terms)
          const plan = planLexicalQuery(terms, df, stats, options.bm25 ? { params: options.bm25 } : {})
          if (!plan) return []
          // A cheap first pass on the rarest terms sets the score the top must reach; the second reads only
          // the postings of the terms that can still bring a chunk that far (MaxScore). Exact BM25 either way.
          const read = firstPassTerms(plan, options.firstPassPostings)
          const everyTerm = read.length === plan.terms.length
          const depth = everyTerm ? lexicalPool : FIRST_PASS_DEPTH * lexicalPool
          const first = await fullTextCandidates(
            tx,
            tenantId,
            plan,
            { read, keep: { top: depth } },
            lexicalPool,
            request.filter,
          )
          if (everyTerm) return first
          const threshold = first.length === lexicalPool ? (first[lexicalPool - 1] as KbCandidate).score : 0
          const second = secondPass(plan, threshold)
          return fullTextCandidates(
            tx,
            tenantId,
            plan,
            { read: second.read, keep: { atLeast: threshold, restBound: second.restBound } },
            lexicalPool,
            request.filter,
          )
        })
      : ([] as KbCandidate[]),
    embedded && queryVector
      ? withTenant(deps.db, tenantId, (tx) =>
          vectorCandidates(tx, tenantId, queryVector, embedded.usage.model, pool, request.filter),
        )
      : ([] as KbCandidate[]),
  ])
  const documentOf = new Map([...text, ...vector].map((c) => [c.chunkId, c]))
  const fused = fuse(
    {
      fulltext: text.map((c) => ({ id: c.chunkId, score: c.score })),
      vector: vector.map((c) => ({ id: c.chunkId, score: c.score })),
    },
    options.fusion ?? DEFAULT_FUSION,
  )
  return fused.map((hit) => {
    const { documentId, documentKey } = documentOf.get(hit.id) as KbCandidate
    return { ...hit, documentId, documentKey }
  })
}

export interface KbSearchHit extends KbChunkDetail {
  score: number
  retrievers: RankedChunk['retrievers']
}

/** `POST /v1/kb/search`'s work: the top `limit` chunks with their text, document and provenance. */
export async function searchKb(
  deps: KbDeps,
  tenantId: string,
  request: KbSearchRequest,
  options: KbRankingOptions = {},
): Promise<KbSearchHit[]> {
  const ranked = (await rankKbChunks(deps, tenantId, request, options)).slice(0, request.limit)
  const details = new Map(
    (
      await withTenant(deps.db, tenantId, (tx) =>
        chunkDetails(
          tx,
          tenantId,
          ranked.map((r) => r.id),
        ),
      )
    ).map((d) => [d.chunkId, d]),
  )
  return ranked.flatMap((r) => {
    const detail = details.get(r.id)
    // A chunk deleted between the two transactions is simply not shown.
    return detail ? [{ ...detail, score: r.score, retrievers: r.retrievers }] : []
  })
}
