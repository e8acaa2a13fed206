import { KB_EMBEDDING_DIMENSIONS } from '../../../db/schema/kb.ts'
import { withTenant } from '../../adapters/db/client.ts'
import { findDocuments, type KbDocumentWrite, type KbWriteStatus, putDocuments } from '../../adapters/db/kb-repo.ts'
import { estimateTokens } from '../../core/llm/tokens.ts'
import { contentHash, type KbDocumentInput, prepareChunks } from '../../core/nlp/kb/document.ts'
import type { KbDeps } from './kb-deps.ts'

export interface IngestedDocument {
  id: string
  key: string
  status: KbWriteStatus
  chunks: number
}

/** An embedding call takes at most this many texts and estimated tokens, well inside the per-call budget. */
const EMBED_BATCH_TEXTS = 256
const EMBED_BATCH_TOKENS = 16_000

function* embeddingBatches(texts: readonly string[]) {
  let batch: string[] = []
  let tokens = 0
  for (const text of texts) {
    const t = estimateTokens(text)
    if (batch.length > 0 && (batch.length >= EMBED_BATCH_TEXTS || tokens + t > EMBED_BATCH_TOKENS)) {
      yield batch
      batch = []
      tokens = 0
    }
    batch.push(text)
    tokens += t
  }
  if (batch.length > 0) yield batch
}

/**
 * Chunks, embeds and stores documents under their keys (the last of a repeated key wins). Re-ingesting a key
 * replaces its chunks (never adds to them); the same content again is `unchanged` and costs no embedding.
 * Embedding runs before the write transaction, so a slow provider never holds one open.
 */
export async function ingestKbDocuments(
  deps: KbDeps,
  tenantId: string,
  input: readonly KbDocumentInput[],
): Promise<IngestedDocument[]> {
  const docs = [...new Map(input.map((d) => [d.key, d])).values()]
  if (docs.length === 0) return []
  const hashes = await Promise.all(docs.map((d) => contentHash(d, deps.chunking)))
  const stored = await withTenant(deps.db, tenantId, (tx) =>
    findDocuments(
      tx,
      tenantId,
      docs.map((d) => d.key),
    ),
  )
  const unchanged = new Map<string, IngestedDocument>()
  const writes: KbDocumentWrite[] = []
  const prepared = docs.flatMap((doc, i) => {
    const before = stored.get(doc.key)
    if (before && before.contentHash === hashes[i]) {
      unchanged.set(doc.key, { id: before.id, key: doc.key, status: 'unchanged', chunks: before.chunks })
      return []
    }
    return [{ doc, hash: hashes[i] as string, chunks: prepareChunks(doc, deps.chunking) }]
  })
  const texts = prepared.flatMap((p) => p.chunks.map((c) => c.embedText))
  const vectors: number[][] = []
  let model = 'none'
  await deps.onProgress?.(0, texts.length)
  for (const batch of embeddingBatches(texts)) {
    const embedded = await deps.llm.embed(batch, {
      dimensions: KB_EMBEDDING_DIMENSIONS,
      task: 'retrieval',
    })
    if (embedded.dimensions !== KB_EMBEDDING_DIMENSIONS)
      throw new Error(
        `knowledge base: the embedding model ${embedded.usage.model} gave vectors of ${embedded.dimensions} numbers, the store keeps ${KB_EMBEDDING_DIMENSIONS}`,
      )
    model = embedded.usage.model
    vectors.push(...embedded.vectors)
    await deps.onProgress?.(vectors.length, texts.length)
  }
  let next = 0
  for (const { doc, hash, chunks } of prepared)
    writes.push({
      key: doc.key,
      sourceKind: doc.sourceKind,
      title: doc.title ?? null,
      metadata: doc.metadata,
      contentHash: hash,
      embeddingModel: model,
      chunks: chunks.map((c) => ({
        ordinal: c.ordinal,
        text: c.text,
        start: c.start,
        end: c.end,
        headings: c.headings,
        terms: c.terms,
        embedding: vectors[next++] as number[],
      })),
    })
  const written = await withTenant(deps.db, tenantId, (tx) => putDocuments(tx, tenantId, writes))
  const chunkCount = new Map(prepared.map((p) => [p.doc.key, p.chunks.length]))
  const byKey = new Map(written.map((w) => [w.key, { ...w, chunks: chunkCount.get(w.key) ?? 0 }]))
  return docs.map((d) => (unchanged.get(d.key) ?? byKey.get(d.key)) as IngestedDocument)
}

/** One document: `ingestKbDocuments` with a list of one. */
export const ingestKbDocument = async (deps: KbDeps, tenantId: string, doc: KbDocumentInput) =>
  (await ingestKbDocuments(deps, tenantId, [doc]))[0] as IngestedDocument
