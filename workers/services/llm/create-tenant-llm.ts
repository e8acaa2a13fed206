// The LLM gateway: the one way the product calls a language model. Built per tenant, per feature and per
// unit of work (`services.llm(tenantId, 'dcl.mapping')`), it wraps the configured provider so that
// - every chat message and every text to embed passes through the PII redactor (core/nlp/redaction/) first,
//   with one placeholder map for the whole unit of work, which stays in this object: `reidentify` puts the
//   values back into an answer for the caller, and nothing else sees the map (a streamed answer gets them
//   back piece by piece, a placeholder split across pieces included);
// - the tenant's token budget per hour or day is asked before every call to a real provider (the per-call
//   cap before every call to either), and an over-budget call fails with LlmError `budget_exceeded`;
// - every call, answered or failed, is counted in the tenant's telemetry (record-llm-call.ts).
import type { z } from 'zod'
import { createLlmProvider } from '../../adapters/llm/index.ts'
import { OFFLINE_CHAT_MODEL } from '../../adapters/llm/offline.ts'
import { combineBudgets, perCallTokenCap } from '../../core/llm/budget.ts'
import {
  type BudgetRequest,
  type ChatRequest,
  type ChatResult,
  type EmbedOptions,
  type EmbedResult,
  LlmError,
  type LlmErrorCode,
  type LlmProviderName,
  type LlmUsage,
  type OnDelta,
  type StreamChatRequest,
  type StreamChatResult,
} from '../../core/llm/port.ts'
import { emptyRedactionMap, reidentify, streamingReidentifier } from '../../core/nlp/redaction/placeholders.ts'
import { redact } from '../../core/nlp/redaction/redact.ts'
import type { LlmGatewayDeps } from './deps.ts'
import { recordLlmCallOutcome } from './record-llm-call.ts'
import { tenantTokenBudget } from './tenant-token-budget.ts'

/**
 * What asked, as telemetry groups it: dotted lower-case words, area first (`dcl.mapping`, `kb.embed`,
 * `nlp.answer`), at most 64 characters.
 */
export const LLM_FEATURE = /^(?=.{1,64}$)[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/

export interface TenantLlmOptions {
  /** Names the tenant knows (its contacts' names): always redacted, whole or word by word. */
  knownNames?: readonly string[]
  /**
   * The offline provider's vectors are computed in this process and stored beside the raw text they come
   * from, inside the tenant's own rows, so the knowledge base embeds raw text there (decision 013); a model's
   * provider still gets every text redacted. Chat messages are redacted regardless.
   */
  offlineEmbedsRaw?: boolean
}

/** Whether a text to embed goes through the redactor: always, except raw offline embedding when asked for. */
export const redactsEmbeddings = (provider: LlmProviderName, options: Pick<TenantLlmOptions, 'offlineEmbedsRaw'>) =>
  !(options.offlineEmbedsRaw && provider === 'offline')

export interface TenantLlm {
  /** Which provider answers (`offline`: rules, no model; see core/llm/offline-answer.ts). */
  readonly provider: LlmProviderName
  readonly feature: string
  /** A structured answer, validated by `request.schema`; throws LlmError. Placeholders stay in the answer. */
  chat<S extends z.ZodType>(request: Omit<ChatRequest<S>, 'feature'>): Promise<ChatResult<z.output<S>>>
  /**
   * A free-text answer streamed piece by piece; unlike `chat`, both the pieces handed to `onDelta` and the
   * returned text are re-identified for the caller. Throws LlmError (after pieces were handed out, too).
   */
  streamChat(request: Omit<StreamChatRequest, 'feature'>, onDelta: OnDelta): Promise<StreamChatResult>
  /**
   * Asks the budget, without calling anything, whether a chat of this size would be allowed now; throws
   * LlmError `budget_exceeded` (counted in telemetry) if not. For callers that must refuse before they answer
   * anything (a stream whose status line is not sent yet); the call itself is asked again.
   */
  admit(request: Pick<BudgetRequest, 'estimatedPromptTokens' | 'maxCompletionTokens'>): Promise<void>
  /** One vector per text (each redacted first, see `offlineEmbedsRaw`); throws LlmError. */
  embed(texts: readonly string[], options?: EmbedOptions): Promise<EmbedResult>
  /**
   * `value` with every placeholder this gateway handed out replaced by the original (strings anywhere in
   * arrays and plain objects), for the caller's answer only: never log or store the result as redacted.
   */
  reidentify<T>(value: T): T
}

function reidentifyDeep(value: unknown, map: ReturnType<typeof emptyRedactionMap>): unknown {
  if (typeof value === 'string') return reidentify(value, map)
  if (Array.isArray(value)) return value.map((item) => reidentifyDeep(item, map))
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype)
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, reidentifyDeep(item, map)]))
  return value
}

export function createTenantLlm(
  deps: LlmGatewayDeps,
  tenantId: string,
  feature: string,
  options: TenantLlmOptions = {},
): TenantLlm {
  if (!LLM_FEATURE.test(feature))
    throw new TypeError(`LLM feature "${feature}" must be dotted lower-case words such as "dcl.mapping"`)
  const { config } = deps
  const map = emptyRedactionMap()
  const knownNames = options.knownNames ? { knownNames: options.knownNames } : {}
  const budgeted = config.LLM_PROVIDER !== 'offline'
  const perCall = perCallTokenCap(config.LLM_MAX_TOKENS_PER_CALL)
  const redactor = (text: string) => redact(text, { map, ...knownNames })
  // Offline calls cost nothing, so only the per-call cap bounds them (a knowledge base may embed a lot).
  const budget = budgeted ? combineBudgets(perCall, tenantTokenBudget(deps, tenantId)) : perCall
  const provider = createLlmProvider(config, {
    tenantId,
    // Chat is always redacted; only texts to embed may stay raw (offline, when asked for).
    redact: redactor,
    redactEmbeds: redactsEmbeddings(config.LLM_PROVIDER, options) ? redactor : (text) => ({ text }),
    budget,
  })
  const chatModel = provider.name === 'offline' ? OFFLINE_CHAT_MODEL : config.LLM_MODEL

  const record = (usage: LlmUsage | undefined, error?: LlmErrorCode) =>
    recordLlmCallOutcome(deps, tenantId, { feature, usage, budgeted, ...(error ? { error } : {}) })

  async function measured<R extends { usage: LlmUsage }>(call: () => Promise<R>): Promise<R> {
    let result: R
    try {
      result = await call()
    } catch (error) {
      if (error instanceof LlmError) await record(error.details.usage, error.code)
      throw error
    }
    await record(result.usage)
    return result
  }

  return {
    provider: provider.name,
    feature,
    chat: (request) => measured(() => provider.chat({ ...request, feature })),
    streamChat: (request, onDelta) =>
      measured(async () => {
        const pieces = streamingReidentifier(map)
        const result = await provider.streamChat({ ...request, feature }, async (piece) => {
          const shown = pieces.push(piece)
          if (shown !== '') await onDelta(shown)
        })
        const rest = pieces.flush()
        if (rest !== '') await onDelta(rest)
        return { ...result, text: reidentify(result.text, map) }
      }),
    admit: async (request) => {
      const decision = await budget.check({ tenantId, feature, kind: 'chat', model: chatModel, ...request })
      if (decision.ok) return
      const usage: LlmUsage = {
        provider: provider.name,
        model: chatModel,
        promptTokens: 0,
        completionTokens: 0,
        latencyMs: 0,
        attempts: 0,
        feature,
      }
      await record(usage, 'budget_exceeded')
      throw new LlmError('budget_exceeded', `budget refused: ${decision.reason}`, {
        usage,
        ...(decision.retryAfterMs === undefined ? {} : { retryAfterMs: decision.retryAfterMs }),
      })
    },
    // No texts, no call: nothing to count.
    embed: (texts, embedOptions) =>
      texts.length === 0 ? provider.embed(texts, embedOptions) : measured(() => provider.embed(texts, embedOptions)),
    reidentify: <T>(value: T) => reidentifyDeep(value, map) as T,
  }
}
