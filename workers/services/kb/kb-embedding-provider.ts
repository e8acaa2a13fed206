import { createLlmProvider, type LlmConfig } from '../../adapters/llm/index.ts'
import type { LlmProvider } from '../../core/llm/port.ts'
import { redact } from '../../core/nlp/redaction/redact.ts'
import { redactsEmbeddings } from '../llm/create-tenant-llm.ts'

/**
 * The knowledge base's embedding provider where there is no gateway (the CLI and the bench: no Redis, so no
 * budget or telemetry), redacting exactly as the gateway does for the knowledge base (`offlineEmbedsRaw`).
 */
export function kbEmbeddingProvider(config: LlmConfig, tenantId: string): LlmProvider {
  return createLlmProvider(config, {
    tenantId,
    redact: redactsEmbeddings(config.LLM_PROVIDER, { offlineEmbedsRaw: true })
      ? (text) => redact(text)
      : (text) => ({ text }),
  })
}
