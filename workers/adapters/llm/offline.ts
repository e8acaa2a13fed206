// The offline provider: the default, so the platform runs and tests with no key and nothing leaves the
// machine. It cannot think. Embeddings are hashed character n-grams (similar spelling → near vectors); a chat
// answer is a schema-valid value derived from the prompt by fixed rules (core/llm/offline-answer.ts). Every
// result says `provider: 'offline'` and names an `offline-…` model, so no caller mistakes it for a model's
// judgement. It goes through the same redactor, budget and schema validation as the real provider, so code
// written against it behaves the same when a key is configured.
import type { z } from 'zod'
import { chatBudgetRequest } from '../../core/llm/budget.ts'
import {
  ngramEmbedding,
  OFFLINE_EMBEDDING_DIMENSIONS,
  OFFLINE_EMBEDDING_MODEL,
} from '../../core/llm/ngram-embedding.ts'
import { offlineAnswer } from '../../core/llm/offline-answer.ts'
import {
  type BudgetRequest,
  type ChatRequest,
  type ChatResult,
  type EmbedOptions,
  type EmbedResult,
  LlmError,
  type LlmProvider,
  type LlmTenantOptions,
  type LlmUsage,
  type OnDelta,
  redactMessages,
  type StreamChatRequest,
  type StreamChatResult,
} from '../../core/llm/port.ts'
import { parseAnswer, responseJsonSchema } from '../../core/llm/response-schema.ts'
import { estimatePromptTokens, estimateTokens, wordChunks } from '../../core/llm/tokens.ts'
import { RETRIEVAL_EMBEDDING_MODEL, retrievalEmbedding } from '../../core/nlp/kb/embedding.ts'

export const OFFLINE_CHAT_MODEL = 'offline-rules-v1'
const DEFAULT_MAX_TOKENS = 1024
/** A streamed answer is the free string `offlineAnswer` picks for a property named `answer`. */
const TEXT_ANSWER_SCHEMA = { type: 'object', properties: { answer: { type: 'string' } }, required: ['answer'] }

export interface OfflineProviderOptions extends LlmTenantOptions {
  /** Embedding length (default 256). */
  dimensions?: number
}

async function checkBudget(options: LlmTenantOptions, request: BudgetRequest, feature: string | undefined) {
  const decision = await options.budget.check(request)
  if (!decision.ok)
    throw new LlmError('budget_exceeded', `offline provider: budget refused: ${decision.reason}`, {
      ...(decision.retryAfterMs === undefined ? {} : { retryAfterMs: decision.retryAfterMs }),
      usage: {
        provider: 'offline',
        model: request.model,
        promptTokens: 0,
        completionTokens: 0,
        latencyMs: 0,
        attempts: 0,
        ...(feature ? { feature } : {}),
      },
    })
}

export function createOfflineProvider(options: OfflineProviderOptions): LlmProvider {
  const tenant: LlmTenantOptions = options
  const defaultDimensions = options.dimensions ?? OFFLINE_EMBEDDING_DIMENSIONS

  return {
    name: 'offline',

    async chat<S extends z.ZodType>(request: ChatRequest<S>): Promise<ChatResult<z.output<S>>> {
      const started = performance.now()
      const format = responseJsonSchema(request.name, request.schema)
      const messages = redactMessages(request.messages, tenant.redact)
      const promptTokens = estimatePromptTokens(messages, JSON.stringify(format.schema))
      const maxTokens = request.maxTokens ?? DEFAULT_MAX_TOKENS
      await checkBudget(
        tenant,
        chatBudgetRequest(tenant.tenantId, OFFLINE_CHAT_MODEL, promptTokens, maxTokens, request.feature),
        request.feature,
      )
      const content = JSON.stringify(offlineAnswer(format.schema, messages))
      const usage: LlmUsage = {
        provider: 'offline',
        model: OFFLINE_CHAT_MODEL,
        promptTokens,
        completionTokens: estimateTokens(content),
        latencyMs: performance.now() - started,
        attempts: 1,
        ...(request.feature ? { feature: request.feature } : {}),
      }
      const parsed = parseAnswer(content, request.schema)
      if (!parsed.ok)
        throw new LlmError(
          'invalid_output',
          `offline provider could not build an answer for schema "${request.name}": ${parsed.reason} (a pattern or refinement its rules cannot satisfy)`,
          { usage, ...(parsed.issues ? { issues: parsed.issues } : {}) },
        )
      return { value: parsed.value, provider: 'offline', usage }
    },

    async streamChat(request: StreamChatRequest, onDelta: OnDelta): Promise<StreamChatResult> {
      const started = performance.now()
      const messages = redactMessages(request.messages, tenant.redact)
      const promptTokens = estimatePromptTokens(messages)
      const feature = request.feature ? { feature: request.feature } : {}
      await checkBudget(
        tenant,
        chatBudgetRequest(
          tenant.tenantId,
          OFFLINE_CHAT_MODEL,
          promptTokens,
          request.maxTokens ?? DEFAULT_MAX_TOKENS,
          request.feature,
        ),
        request.feature,
      )
      const answer = offlineAnswer(TEXT_ANSWER_SCHEMA, messages) as { answer?: unknown }
      const text = typeof answer.answer === 'string' ? answer.answer : ''
      let firstTokenMs: number | undefined
      // Word by word, as a model streams, so callers exercise the same path offline.
      for (const piece of wordChunks(text)) {
        firstTokenMs ??= performance.now() - started
        await onDelta(piece)
      }
      return {
        text,
        provider: 'offline',
        usage: {
          provider: 'offline',
          model: OFFLINE_CHAT_MODEL,
          promptTokens,
          completionTokens: estimateTokens(text),
          latencyMs: performance.now() - started,
          attempts: 1,
          ...feature,
          ...(firstTokenMs === undefined ? {} : { firstTokenMs }),
        },
      }
    },

    async embed(texts: readonly string[], embedOptions?: EmbedOptions): Promise<EmbedResult> {
      const started = performance.now()
      const dimensions = embedOptions?.dimensions ?? defaultDimensions
      const redacted = texts.map((text) => (tenant.redactEmbeds ?? tenant.redact)(text).text)
      const promptTokens = redacted.reduce((sum, text) => sum + estimateTokens(text), 0)
      const retrieval = embedOptions?.task === 'retrieval'
      const model = `${retrieval ? RETRIEVAL_EMBEDDING_MODEL : OFFLINE_EMBEDDING_MODEL}-${dimensions}`
      if (redacted.length > 0)
        await checkBudget(
          tenant,
          {
            tenantId: tenant.tenantId,
            kind: 'embed',
            model,
            estimatedPromptTokens: promptTokens,
            maxCompletionTokens: 0,
          },
          undefined,
        )
      const vectors = redacted.map((text) =>
        retrieval ? retrievalEmbedding(text, dimensions) : ngramEmbedding(text, dimensions),
      )
      return {
        vectors,
        dimensions,
        provider: 'offline',
        usage: {
          provider: 'offline',
          model,
          promptTokens,
          completionTokens: 0,
          latencyMs: performance.now() - started,
          attempts: redacted.length > 0 ? 1 : 0,
        },
      }
    },
  }
}
