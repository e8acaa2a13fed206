// The OpenAI-compatible provider, through the official `openai` SDK: OpenAI itself, or anything speaking its
// chat-completions and embeddings API at another `baseURL` (Gemini's OpenAI endpoint, Workers AI's, a local
// server; the tests use dev/vendors/openai.ts). The SDK's own retries are off (it also retries 408/409 and
// caps Retry-After silently); retries here follow core/llm/retry-policy.ts: 429 and 5xx and no answer, with
// exponential backoff or the provider's Retry-After, never another 4xx. Every message and every text to embed
// goes through the tenant's redactor before the request is built, and the budget is asked before any call.
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai'
import type { z } from 'zod'
import { chatBudgetRequest } from '../../core/llm/budget.ts'
import {
  type BudgetRequest,
  type ChatRequest,
  type ChatResult,
  type EmbedOptions,
  type EmbedResult,
  LlmError,
  type LlmErrorCode,
  type LlmProvider,
  type LlmTenantOptions,
  type LlmUsage,
  type OnDelta,
  redactMessages,
  type StreamChatRequest,
  type StreamChatResult,
} from '../../core/llm/port.ts'
import { parseAnswer, responseJsonSchema } from '../../core/llm/response-schema.ts'
import { decideRetry, type RetryPolicy, retryAfterMs } from '../../core/llm/retry-policy.ts'
import { estimatePromptTokens, estimateTokens } from '../../core/llm/tokens.ts'

export interface OpenAiProviderOptions extends LlmTenantOptions {
  /** e.g. `https://api.openai.com/v1`, `https://generativelanguage.googleapis.com/v1beta/openai`. */
  baseURL: string
  apiKey: string
  model: string
  embeddingModel: string
  /** Per attempt (default 30 s). A timed-out attempt is not retried: the call has already waited long enough. */
  timeoutMs?: number
  retry?: Partial<RetryPolicy>
  /** The answer's token cap when a request names none (default 1024). */
  maxTokens?: number
  /** How a retry waits (tests may pass a recording one); default setTimeout. */
  sleep?: (ms: number) => Promise<void>
}

export const DEFAULT_RETRY: RetryPolicy = { maxRetries: 3, baseDelayMs: 500, maxDelayMs: 20_000 }
const DEFAULT_TIMEOUT_MS = 30_000
const DEFAULT_MAX_TOKENS = 1024
/** Inputs per embeddings request (OpenAI takes up to 2,048; compatible servers often fewer). */
const EMBED_BATCH = 128

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

export function createOpenAiProvider(options: OpenAiProviderOptions): LlmProvider {
  const policy: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry }
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const sleep = options.sleep ?? wait
  const host = (() => {
    try {
      return new URL(options.baseURL).host
    } catch {
      return options.baseURL
    }
  })()
  const client = new OpenAI({
    apiKey: options.apiKey,
    baseURL: options.baseURL,
    timeout: timeoutMs,
    maxRetries: 0,
    // Explicit, so nothing is read from process.env (which nodejs_compat gives workerd).
    organization: null,
    project: null,
    webhookSecret: null,
    logLevel: 'off',
  })
  // Provider text goes into error messages and logs: never the key, and short.
  const safe = (text: string) => (options.apiKey ? text.replaceAll(options.apiKey, '[key]') : text).slice(0, 300)

  /** Runs one request with the retry policy; failures become LlmError with the usage so far. */
  async function withRetries<T>(
    what: string,
    usage: () => LlmUsage,
    attempt: () => Promise<T>,
    counter: { attempts: number },
  ): Promise<T> {
    for (let retries = 0; ; retries++) {
      counter.attempts++
      let status: number | undefined
      let asked: number | undefined
      let failure: { code: LlmErrorCode; message: string; cause: unknown }
      try {
        return await attempt()
      } catch (error) {
        if (error instanceof APIConnectionTimeoutError || error instanceof APIUserAbortError) {
          throw new LlmError('timeout', `${what}: no answer from ${host} within ${timeoutMs} ms`, {
            usage: usage(),
            cause: error,
          })
        }
        if (error instanceof APIError && error.status !== undefined && !(error instanceof APIConnectionError)) {
          const answered: number = error.status
          status = answered
          asked = retryAfterMs(error.headers)
          const code: LlmErrorCode = answered === 429 ? 'rate_limited' : answered >= 500 ? 'upstream_error' : 'rejected'
          failure = { code, message: `${what}: ${host} answered ${answered}: ${safe(error.message)}`, cause: error }
        } else if (error instanceof APIConnectionError) {
          failure = {
            code: 'unreachable',
            message: `${what}: ${host} unreachable: ${safe(error.cause instanceof Error ? error.cause.message : error.message)}`,
            cause: error,
          }
        } else {
          throw new LlmError(
            'upstream_error',
            `${what}: unexpected answer from ${host}: ${safe(error instanceof Error ? error.message : String(error))}`,
            { usage: usage(), cause: error },
          )
        }
      }
      const decision = decideRetry(status, retries, policy, asked)
      if (decision.retry) {
        await sleep(decision.waitMs)
        continue
      }
      const tried = counter.attempts > 1 ? ` (after ${counter.attempts} attempts)` : ''
      const later =
        decision.retryAfterMs !== undefined
          ? `; it asks to retry after ${Math.ceil(decision.retryAfterMs / 1000)} s`
          : ''
      throw new LlmError(failure.code, `${failure.message}${tried}${later}`, {
        usage: usage(),
        ...(status === undefined ? {} : { status }),
        ...(decision.retryAfterMs === undefined ? {} : { retryAfterMs: decision.retryAfterMs }),
        cause: failure.cause,
      })
    }
  }

  async function checkBudget(request: BudgetRequest, usage: LlmUsage) {
    const decision = await options.budget.check(request)
    if (!decision.ok)
      throw new LlmError('budget_exceeded', `budget refused: ${decision.reason}`, {
        usage,
        ...(decision.retryAfterMs === undefined ? {} : { retryAfterMs: decision.retryAfterMs }),
      })
  }

  return {
    name: 'openai',

    async chat<S extends z.ZodType>(request: ChatRequest<S>): Promise<ChatResult<z.output<S>>> {
      const started = performance.now()
      const feature = request.feature ? { feature: request.feature } : {}
      const format = responseJsonSchema(request.name, request.schema)
      const messages = redactMessages(request.messages, options.redact)
      const maxTokens = request.maxTokens ?? options.maxTokens ?? DEFAULT_MAX_TOKENS
      const estimated = estimatePromptTokens(messages, JSON.stringify(format.schema))
      const counter = { attempts: 0 }
      const usage = (model = options.model, promptTokens = 0, completionTokens = 0): LlmUsage => ({
        provider: 'openai',
        model,
        promptTokens,
        completionTokens,
        latencyMs: performance.now() - started,
        attempts: counter.attempts,
        ...feature,
      })
      await checkBudget(
        chatBudgetRequest(options.tenantId, options.model, estimated, maxTokens, request.feature),
        usage(),
      )
      const completion = await withRetries(
        `chat "${request.name}" with ${options.model}`,
        () => usage(),
        () =>
          client.chat.completions.create({
            model: options.model,
            messages,
            response_format: { type: 'json_schema', json_schema: { ...format, strict: format.strict } },
            max_completion_tokens: maxTokens,
            ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
          }),
        counter,
      )
      const choice = completion.choices[0]
      const content = choice?.message.content ?? null
      const done = usage(
        completion.model || options.model,
        completion.usage?.prompt_tokens ?? estimated,
        completion.usage?.completion_tokens ?? estimateTokens(content ?? ''),
      )
      const what = `chat "${request.name}" with ${done.model}`
      if (choice?.message.refusal)
        throw new LlmError('refused', `${what}: the model declined to answer`, { usage: done })
      if (choice?.finish_reason === 'content_filter')
        throw new LlmError('refused', `${what}: the answer was withheld by the provider's content filter`, {
          usage: done,
        })
      if (choice?.finish_reason === 'length')
        throw new LlmError('invalid_output', `${what}: the answer was cut off at ${maxTokens} tokens`, { usage: done })
      const parsed = parseAnswer(content, request.schema)
      if (!parsed.ok)
        throw new LlmError('invalid_output', `${what}: ${parsed.reason}`, {
          usage: done,
          ...(parsed.issues ? { issues: parsed.issues } : {}),
        })
      return { value: parsed.value, provider: 'openai', usage: done }
    },

    async streamChat(request: StreamChatRequest, onDelta: OnDelta): Promise<StreamChatResult> {
      const started = performance.now()
      const feature = request.feature ? { feature: request.feature } : {}
      const messages = redactMessages(request.messages, options.redact)
      const maxTokens = request.maxTokens ?? options.maxTokens ?? DEFAULT_MAX_TOKENS
      const estimated = estimatePromptTokens(messages)
      const counter = { attempts: 0 }
      let text = ''
      let model = options.model
      let firstTokenMs: number | undefined
      let reported: { prompt_tokens: number; completion_tokens: number } | undefined
      const usage = (): LlmUsage => ({
        provider: 'openai',
        model,
        promptTokens: reported?.prompt_tokens ?? estimated,
        completionTokens: reported?.completion_tokens ?? estimateTokens(text),
        latencyMs: performance.now() - started,
        attempts: counter.attempts,
        ...feature,
        ...(firstTokenMs === undefined ? {} : { firstTokenMs }),
      })
      await checkBudget(chatBudgetRequest(options.tenantId, options.model, estimated, maxTokens, request.feature), {
        ...usage(),
        promptTokens: 0,
        completionTokens: 0,
      })
      const what = `streamed chat with ${options.model}`
      // The SDK's timeout covers the wait for the response's head; this bounds each attempt's whole stream.
      let deadline: ReturnType<typeof setTimeout> | undefined
      let finish: string | null = null
      const take = (chunk: OpenAI.Chat.Completions.ChatCompletionChunk) => {
        model = chunk.model || model
        if (chunk.usage) reported = chunk.usage
        const choice = chunk.choices[0]
        if (choice?.finish_reason) finish = choice.finish_reason
        return choice?.delta.content ?? ''
      }
      try {
        // Until the first piece arrives nothing has been shown, so a failure up to then is retried.
        const { chunks, first } = await withRetries(
          what,
          usage,
          async () => {
            clearTimeout(deadline)
            const abort = new AbortController()
            deadline = setTimeout(() => abort.abort(), timeoutMs)
            const stream = await client.chat.completions.create(
              {
                model: options.model,
                messages,
                stream: true,
                stream_options: { include_usage: true },
                max_completion_tokens: maxTokens,
                ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
              },
              { signal: abort.signal },
            )
            const chunks = stream[Symbol.asyncIterator]()
            for (;;) {
              const next = await chunks.next()
              if (next.done) return { chunks, first: '' }
              const piece = take(next.value)
              if (piece !== '') return { chunks, first: piece }
            }
          },
          counter,
        )
        const emit = async (piece: string) => {
          if (piece === '') return
          firstTokenMs ??= performance.now() - started
          text += piece
          await onDelta(piece)
        }
        await emit(first)
        try {
          for (let next = await chunks.next(); !next.done; next = await chunks.next()) await emit(take(next.value))
        } catch (error) {
          const timedOut = error instanceof APIUserAbortError
          throw new LlmError(
            timedOut ? 'timeout' : 'upstream_error',
            timedOut
              ? `${what}: the answer did not finish within ${timeoutMs} ms`
              : `${what}: ${host} broke off the answer: ${safe(error instanceof Error ? error.message : String(error))}`,
            { usage: usage(), cause: error },
          )
        }
      } finally {
        clearTimeout(deadline)
      }
      if (finish === 'content_filter')
        throw new LlmError('refused', `${what}: the answer was withheld by the provider's content filter`, {
          usage: usage(),
        })
      // An answer cut at the token cap is kept: its pieces have been shown already.
      return { text, provider: 'openai', usage: usage() }
    },

    async embed(texts: readonly string[], embedOptions?: EmbedOptions): Promise<EmbedResult> {
      const started = performance.now()
      const inputs = texts.map((text) => (options.redactEmbeds ?? options.redact)(text).text)
      const counter = { attempts: 0 }
      let promptTokens = 0
      let model = options.embeddingModel
      const usage = (): LlmUsage => ({
        provider: 'openai',
        model,
        promptTokens,
        completionTokens: 0,
        latencyMs: performance.now() - started,
        attempts: counter.attempts,
      })
      if (inputs.length === 0) return { vectors: [], dimensions: 0, provider: 'openai', usage: usage() }
      const estimated = inputs.reduce((sum, text) => sum + estimateTokens(text), 0)
      await checkBudget(
        {
          tenantId: options.tenantId,
          kind: 'embed',
          model,
          estimatedPromptTokens: estimated,
          maxCompletionTokens: 0,
        },
        usage(),
      )
      const vectors: number[][] = []
      for (let from = 0; from < inputs.length; from += EMBED_BATCH) {
        const batch = inputs.slice(from, from + EMBED_BATCH)
        const what = `embeddings with ${options.embeddingModel}`
        const answer = await withRetries(
          what,
          usage,
          () =>
            client.embeddings.create({
              model: options.embeddingModel,
              input: batch,
              // Floats, not the SDK's default base64: not every compatible server speaks base64.
              encoding_format: 'float',
              ...(embedOptions?.dimensions ? { dimensions: embedOptions.dimensions } : {}),
            }),
          counter,
        )
        model = answer.model || model
        promptTokens += answer.usage?.prompt_tokens ?? batch.reduce((sum, text) => sum + estimateTokens(text), 0)
        const data = [...answer.data].sort((a, b) => a.index - b.index)
        const bad = (reason: string) =>
          new LlmError('upstream_error', `${what}: ${host} answered with ${reason}`, { usage: usage() })
        if (data.length !== batch.length) throw bad(`${data.length} vectors for ${batch.length} texts`)
        for (const item of data) {
          const vector = item.embedding as unknown
          if (!Array.isArray(vector) || vector.length === 0 || !vector.every(Number.isFinite))
            throw bad('a vector that is not a list of numbers')
          if (vectors.length > 0 && vector.length !== vectors[0]?.length) throw bad('vectors of different lengths')
          vectors.push(vector as number[])
        }
      }
      return { vectors, dimensions: vectors[0]?.length ?? 0, provider: 'openai', usage: usage() }
    },
  }
}
