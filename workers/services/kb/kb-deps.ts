import type { Db } from '../../adapters/db/client.ts'
import type { LlmProvider } from '../../core/llm/port.ts'
import type { ChunkOptions } from '../../core/nlp/kb/chunk.ts'

/**
 * What the knowledge-base operations need: the database and the tenant's LLM provider (for embeddings, built
 * with the redactor). Narrower than `Services`, so the CLI and the bench run the very same code on an
 * embedded store.
 */
export interface KbDeps {
  db: Db
  /** Only embeddings: the gateway (`services.llm(…, { offlineEmbedsRaw: true })`) or, without one, kbEmbeddingProvider. */
  llm: Pick<LlmProvider, 'embed'>
  chunking?: ChunkOptions
  /** Told the chunks embedded so far of those to embed: before the first batch and after each. */
  onProgress?: EmbedProgress
}

export type EmbedProgress = (embedded: number, total: number) => Promise<void>
