// The LLM port: what the platform asks of a language model, whichever answers. Declared here, in core, so
// domain code (entity mapping, later) can depend on it; implemented in workers/adapters/llm/ by an offline
// deterministic provider (the default, no key, nothing leaves the machine) and the OpenAI SDK.
import type { z } from 'zod'

export const LLM_PROVIDERS = ['offline', 'openai'] as const
export type LlmProviderName = (typeof LLM_PROVIDERS)[number]

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant'
  content: string
}

export interface ChatRequest<S extends z.ZodType> {
  messages: readonly ChatMessage[]
  /** The answer's shape: sent as JSON schema (`response_format: json_schema`) and validated on return. */
  schema: S
  /** The schema's name in `response_format` (letters, digits, `_` and `-`, at most 64). */
  name: string
  /** What asked, for telemetry and budgets by feature (e.g. `mapping`). */
  feature?: string
  /** Upper bound on the answer's tokens; the budget check counts it. */
  maxTokens?: number
  temperature?: number
}

/** Returned with every call, answered or failed, so the telemetry (services/llm/) can record it. */
export interface LlmUsage {
  provider: LlmProviderName
  /** The model that answered, as it named itself (`offline-…` when no model was asked). */
  model: string
  promptTokens: number
  completionTokens: number
  /** Wall time of the whole call, retries and their waits included. */
  latencyMs: number
  /** HTTP attempts made (1 without retries; 0 when refused before any was made). */
  attempts: number
  feature?: string
  /** Streamed calls: wall time until the first piece of the answer arrived (absent when none did). */
  firstTokenMs?: number
}

export interface ChatResult<T> {
  value: T
  /** `offline`: no model was asked; the answer was derived from the input by rules (see offline-answer.ts). */
  provider: LlmProviderName
  usage: LlmUsage
}

export interface EmbedResult {
  /** One vector per input text, in input order, all of `dimensions` length. */
  vectors: number[][]
  dimensions: number
  provider: LlmProviderName
  usage: LlmUsage
}

export interface EmbedOptions {
  /**
   * The vectors' length, for a store whose column has a fixed one (the knowledge base's). The offline provider
   * hashes into that many buckets; OpenAI's text-embedding-3 models shorten their vectors to it (`dimensions`).
   */
  dimensions?: number
  /**
   * What the vectors are for. `retrieval`: ranking passages for queries (the knowledge base); the offline
   * provider then weights rare words (core/nlp/kb/embedding.ts). Models that take no such hint ignore it.
   */
  task?: 'retrieval'
}

/** A free-text answer, streamed: no schema (the text arrives piece by piece and cannot be validated whole first). */
export interface StreamChatRequest {
  messages: readonly ChatMessage[]
  feature?: string
  maxTokens?: number
  temperature?: number
}

export interface StreamChatResult {
  /** The whole answer: the pieces handed to `onDelta`, joined. */
  text: string
  provider: LlmProviderName
  usage: LlmUsage
}

/** Receives each piece of a streamed answer as it arrives; the stream waits for it before reading on. */
export type OnDelta = (text: string) => Promise<void> | void

export interface LlmProvider {
  readonly name: LlmProviderName
  /** A structured answer, parsed and validated by `request.schema`; throws LlmError. */
  chat<S extends z.ZodType>(request: ChatRequest<S>): Promise<ChatResult<z.output<S>>>
  /**
   * A free-text answer, each piece handed to `onDelta` as it arrives. Redaction and the budget come first, as
   * for `chat`; a failure before the first piece is retried like `chat`'s, one after it is not (the caller has
   * already shown part of the answer) and throws LlmError with the usage so far.
   */
  streamChat(request: StreamChatRequest, onDelta: OnDelta): Promise<StreamChatResult>
  /** Embeddings for texts (empty input → no vectors, no call); throws LlmError. */
  embed(texts: readonly string[], options?: EmbedOptions): Promise<EmbedResult>
}

/**
 * The PII redactor's seam. Every provider applies it to every prompt message and every text to embed before
 * anything else happens, so nothing a tenant's data holds reaches a model unredacted. The redactor itself
 * (`core/nlp/redaction/`, `redact(text, options) → { text, map }`) is wired in by whoever builds the
 * provider; only `text` is read here (the map, placeholder → original, stays with the caller).
 */
export type Redactor = (text: string) => { readonly text: string }

/** What the budget is asked before a call: the tokens it may cost at most (prompt estimated). */
export interface BudgetRequest {
  tenantId: string
  feature?: string
  kind: 'chat' | 'embed'
  model: string
  estimatedPromptTokens: number
  maxCompletionTokens: number
}

/** A refusal may say how long until the budget allows calls again (the end of the tenant's hour or day). */
export type BudgetDecision = { ok: true } | { ok: false; reason: string; retryAfterMs?: number }

/**
 * The per-tenant budget's seam, asked before every call (budget.ts): the default refuses a call whose token
 * bound exceeds a per-call cap; the LLM gateway (services/llm/) adds the tenant's tokens per hour or day.
 */
export interface LlmBudget {
  check(request: BudgetRequest): BudgetDecision | Promise<BudgetDecision>
}

/** What every provider is built with, per tenant. */
export interface LlmTenantOptions {
  tenantId: string
  /** Every prompt message goes through it, always. */
  redact: Redactor
  /** Texts to embed go through this one when given (the gateway's raw offline embedding), else `redact`. */
  redactEmbeds?: Redactor
  budget: LlmBudget
}

export const LLM_ERROR_CODES = [
  /** The answer was not JSON, did not match the schema, or was cut off at the token limit. */
  'invalid_output',
  /** The model declined to answer (`message.refusal`). */
  'refused',
  /** 429 on every attempt, or a Retry-After longer than we wait. */
  'rate_limited',
  /** 5xx on every attempt. */
  'upstream_error',
  /** Another 4xx (bad request, key, model): not retried. */
  'rejected',
  'timeout',
  /** No HTTP answer (DNS, connection refused or reset) on every attempt. */
  'unreachable',
  /** The budget refused before anything was sent. */
  'budget_exceeded',
  /** The zod schema has no JSON-schema form (a transform, a custom check); a programming error. */
  'schema_unsupported',
] as const
export type LlmErrorCode = (typeof LLM_ERROR_CODES)[number]

/**
 * Why a call failed. The message names the provider, the status and what was wrong, never the prompt, the
 * answer's content or the key, so it is safe to log.
 */
export class LlmError extends Error {
  override name = 'LlmError'
  constructor(
    readonly code: LlmErrorCode,
    message: string,
    readonly details: {
      usage?: LlmUsage
      /** The provider's HTTP status, when it answered. */
      status?: number
      /** From Retry-After, when the provider asked us to wait longer than we do; for `budget_exceeded`, until the budget allows calls again. */
      retryAfterMs?: number
      /** For `invalid_output`: which parts of the answer did not match, as paths and messages. */
      issues?: string[]
      cause?: unknown
    } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause })
  }
}

/** The messages as they may leave: each content through the redactor. */
export const redactMessages = (messages: readonly ChatMessage[], redact: Redactor): ChatMessage[] =>
  messages.map((m) => ({ role: m.role, content: redact(m.content).text }))
