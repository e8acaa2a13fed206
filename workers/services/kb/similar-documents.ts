// Past decisions (on repairs, on mappings) are knowledge-base documents; a new proposal asks the knowledge
// base's hybrid retrieval (BM25 + vectors, fused, under the tenant's RLS) for the decisions most like each of
// its parts. The searches run a few at a time: each holds two connections (BM25 and vectors) for a few round
// trips, so one after another the proposal would wait for all of them in turn.
import type { KbMetadata } from '../../core/nlp/kb/document.ts'
import type { Services } from '../container.ts'
import type { KbDeps } from './kb-deps.ts'
import { rankKbChunks } from './search-kb.ts'

/** Searches in flight at once: well under the connection pool, which the two retrievers of each share. */
const SEARCHES_AT_ONCE = 4

/** The knowledge base as the decision history uses it: the tenant's store and its embedding provider. */
export const decisionKbDeps = (services: Services, tenantId: string): KbDeps => ({
  db: services.db,
  llm: services.llm(tenantId, 'kb.embed', { offlineEmbedsRaw: true }),
})

/**
 * The keys of the documents (carrying `filter`) most like each query, `perQuery` per query, each key once,
 * in the queries' order. Each search runs in its own transactions: call it outside one.
 */
export async function similarDocumentKeys(
  deps: KbDeps,
  tenantId: string,
  queries: readonly string[],
  filter: KbMetadata,
  perQuery: number,
): Promise<string[]> {
  const found: string[][] = queries.map(() => [])
  let next = 0
  const searcher = async () => {
    for (let i = next++; i < queries.length; i = next++) {
      const hits = await rankKbChunks(
        deps,
        tenantId,
        { query: queries[i] as string, limit: perQuery, mode: 'hybrid', filter: { metadata: filter } },
        { candidates: 4 * perQuery },
      )
      found[i] = hits.slice(0, perQuery).map((hit) => hit.documentKey)
    }
  }
  await Promise.all(Array.from({ length: Math.min(SEARCHES_AT_ONCE, queries.length) }, searcher))
  return [...new Set(found.flat())]
}
