import type { z } from '@hono/zod-openapi'
import type { KbSearchBody, KbSearchFilter } from '../../contract/kb.ts'
import type { KbSearchRequest, KbSourceKind } from '../../core/nlp/kb/document.ts'
import type { Services } from '../container.ts'
import { searchKb } from './search-kb.ts'

type WireFilter = z.output<typeof KbSearchFilter>
type CoreFilter = NonNullable<KbSearchRequest['filter']>

/** The wire's filter (snake_case) as retrieval takes it, and back (a persona's filter is shown as sent). */
export const filterFromWire = ({ document_keys, source_kinds, metadata }: WireFilter): CoreFilter => ({
  ...(document_keys ? { documentKeys: document_keys } : {}),
  ...(source_kinds ? { sourceKinds: source_kinds } : {}),
  ...(metadata ? { metadata } : {}),
})
export const filterToWire = ({ documentKeys, sourceKinds, metadata }: CoreFilter): WireFilter => ({
  ...(documentKeys ? { document_keys: documentKeys } : {}),
  ...(sourceKinds ? { source_kinds: sourceKinds } : {}),
  ...(metadata ? { metadata } : {}),
})

/** `POST /v1/kb/search`: the query is embedded through the tenant's gateway, the hits shown as the wire has them. */
export async function searchKnowledgeBase(services: Services, tenantId: string, body: z.output<typeof KbSearchBody>) {
  const hits = await searchKb(
    { db: services.db, llm: services.llm(tenantId, 'kb.search', { offlineEmbedsRaw: true }) },
    tenantId,
    {
      query: body.query,
      limit: body.limit,
      mode: body.mode,
      filter: filterFromWire(body.filter ?? {}),
    },
  )
  return {
    data: hits.map((hit) => ({
      chunk_id: hit.chunkId,
      document_id: hit.documentId,
      document_key: hit.documentKey,
      title: hit.title,
      source_kind: hit.sourceKind as KbSourceKind,
      metadata: hit.metadata,
      text: hit.text,
      headings: hit.headings,
      start: hit.start,
      end: hit.end,
      score: hit.score,
      retrievers: hit.retrievers,
    })),
  }
}
