// The LLM provider chosen by configuration, built per tenant. The interface (LlmProvider, its requests,
// results, LlmError, and the Redactor and LlmBudget seams) is declared in core/llm/port.ts so domain code can
// depend on it; this folder holds the two implementations and this factory.
import { perCallTokenCap } from '../../core/llm/budget.ts'
import type { LlmBudget, LlmProvider, Redactor } from '../../core/llm/port.ts'
import type { Config } from '../../env.ts'
import { createOfflineProvider } from './offline.ts'
import { createOpenAiProvider } from './openai.ts'

export type LlmConfig = Pick<
  Config,
  | 'LLM_PROVIDER'
  | 'LLM_BASE_URL'
  | 'LLM_API_KEY'
  | 'LLM_MODEL'
  | 'LLM_EMBEDDING_MODEL'
  | 'LLM_TIMEOUT_MS'
  | 'LLM_MAX_RETRIES'
  | 'LLM_MAX_TOKENS_PER_CALL'
>

export interface TenantLlmOptions {
  tenantId: string
  /** Applied to every prompt message and every text to embed before anything else (core/nlp/redaction/). */
  redact: Redactor
  /** Replaces `redact` for texts to embed only (never for a prompt). */
  redactEmbeds?: Redactor
  /** Default: refuse a call above LLM_MAX_TOKENS_PER_CALL (core/llm/budget.ts). */
  budget?: LlmBudget
}

/**
 * The provider for one tenant: `offline` unless LLM_PROVIDER is `openai` (whose key parseConfig has already
 * required). The redactor is required: no provider is built that could send a prompt unredacted.
 */
export function createLlmProvider(config: LlmConfig, tenant: TenantLlmOptions): LlmProvider {
  const options = {
    tenantId: tenant.tenantId,
    redact: tenant.redact,
    ...(tenant.redactEmbeds ? { redactEmbeds: tenant.redactEmbeds } : {}),
    budget: tenant.budget ?? perCallTokenCap(config.LLM_MAX_TOKENS_PER_CALL),
  }
  if (config.LLM_PROVIDER === 'offline') return createOfflineProvider(options)
  if (!config.LLM_API_KEY) throw new Error('LLM_API_KEY is required when LLM_PROVIDER is openai')
  return createOpenAiProvider({
    ...options,
    baseURL: config.LLM_BASE_URL,
    apiKey: config.LLM_API_KEY,
    model: config.LLM_MODEL,
    embeddingModel: config.LLM_EMBEDDING_MODEL,
    timeoutMs: config.LLM_TIMEOUT_MS,
    retry: { maxRetries: config.LLM_MAX_RETRIES },
  })
}

export type {
  ChatMessage,
  ChatRequest,
  ChatResult,
  EmbedResult,
  LlmBudget,
  LlmProvider,
  LlmUsage,
  Redactor,
} from '../../core/llm/port.ts'
export { LlmError } from '../../core/llm/port.ts'
