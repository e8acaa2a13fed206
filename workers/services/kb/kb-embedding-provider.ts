import { createLlmProvider, type LlmConfig } from '../../adapters/llm/index.ts'
import type { LlmProvider } from '../../core/llm/port.ts'
import { redact } from '../../core/nlp/redaction/redact.ts'

/**
 * The provider the knowledge base embeds with, for one tenant. A model's provider gets every text through
 * the PII redactor, like every LLM call. The offline provider does not: its vectors are computed in this
 * process and stored beside the raw chunk text they come from, inside the tenant's own rows, so redacting
 * them would protect nothing, and placeholders cost the vector retriever a quarter of its nDCG on the dev
 * set (docs/decisions/013-hybrid-retrieval.md).
 */
export function kbEmbeddingProvider(config: LlmConfig, tenantId: string): LlmProvider {
  return createLlmProvider(config, {
    tenantId,
    redact: config.LLM_PROVIDER === 'offline' ? (text) => ({ text }) : (text) => redact(text),
  })
}
