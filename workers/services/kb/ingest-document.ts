import { KB_EMBEDDING_DIMENSIONS } from '../../../db/schema/kb.ts'
import { withTenant } from '../../adapters/db/client.ts'
import { findDocument, type KbWriteStatus, putDocument } from '../../adapters/db/kb-repo.ts'
import { contentHash, type KbDocumentInput, prepareChunks } from '../../core/nlp/kb/document.ts'
import type { KbDeps } from './kb-deps.ts'

export interface IngestedDocument {
  id: string
  key: string
  status: KbWriteStatus
  chunks: number
}

/**
 * Chunks, embeds and stores one document under its key. Re-ingesting a key replaces its chunks (never adds
 * to them); the same content again is `unchanged` and costs no embedding. Embedding runs before the
 * transaction, so a slow provider never holds one open.
 */
export async function ingestKbDocument(
  deps: KbDeps,
  tenantId: string,
  doc: KbDocumentInput,
): Promise<IngestedDocument> {
  const hash = await contentHash(doc, deps.chunking)
  const stored = await withTenant(deps.db, tenantId, (tx) => findDocument(tx, tenantId, doc.key))
  if (stored?.contentHash === hash) return { id: stored.id, key: doc.key, status: 'unchanged', chunks: stored.chunks }
  const chunks = prepareChunks(doc, deps.chunking)
  const embedded =
    chunks.length > 0
      ? await deps.llm.embed(
          chunks.map((c) => c.embedText),
          { dimensions: KB_EMBEDDING_DIMENSIONS },
        )
      : undefined
  if (embedded && embedded.dimensions !== KB_EMBEDDING_DIMENSIONS)
    throw new Error(
      `knowledge base: the embedding model ${embedded.usage.model} gave ${embedded.dimensions} numbers a vector, the store keeps ${KB_EMBEDDING_DIMENSIONS}`,
    )
  const written = await withTenant(deps.db, tenantId, (tx) =>
    putDocument(tx, tenantId, {
      key: doc.key,
      sourceKind: doc.sourceKind,
      title: doc.title ?? null,
      metadata: doc.metadata,
      contentHash: hash,
      embeddingModel: embedded?.usage.model ?? 'none',
      chunks: chunks.map((c, i) => ({
        ordinal: c.ordinal,
        text: c.text,
        start: c.start,
        end: c.end,
        headings: c.headings,
        terms: c.terms,
        embedding: embedded?.vectors[i] ?? [],
      })),
    }),
  )
  return { id: written.id, key: doc.key, status: written.status, chunks: chunks.length }
}
