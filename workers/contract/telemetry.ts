import { z } from '@hono/zod-openapi'
import { BUDGET_PERIODS } from '../core/llm/budget.ts'
import { LLM_ERROR_CODES, LLM_PROVIDERS } from '../core/llm/port.ts'
import { TELEMETRY_GROUPS, TELEMETRY_WINDOWS } from '../core/llm/telemetry.ts'

// The wire shape of /v1/telemetry/llm: the tenant's LLM calls, tokens, latency, errors and estimated cost.

export const LlmTelemetryQuery = z.object({
  window: z
    .enum(TELEMETRY_WINDOWS)
    .default('24h')
    .openapi({ param: { name: 'window', in: 'query' }, description: 'The last 24 hours or 7 days, by hour' }),
  group_by: z
    .enum(TELEMETRY_GROUPS)
    .default('feature')
    .openapi({ param: { name: 'group_by', in: 'query' }, description: 'What `groups` and each hour break down by' }),
})

const count = z.number().int().min(0)

const Timing = z.object({
  sum: z.number().min(0),
  count,
  mean: z.number().nullable(),
  p95: z.number().nullable().openapi({ description: 'From a histogram, interpolated within its bucket' }),
})

export const LlmMetrics = z
  .object({
    calls: count.openapi({ description: 'Calls made through the LLM gateway, answered or failed' }),
    attempts: count.openapi({
      description: 'Requests sent to the provider: retries count here, not in `calls`; a refused call sends none',
    }),
    errors: count.openapi({ description: 'Calls that failed (after their retries)' }),
    errors_by_code: z.array(z.object({ code: z.enum(LLM_ERROR_CODES), count })),
    prompt_tokens: count,
    completion_tokens: count,
    total_tokens: count,
    cost_usd: z.number().min(0).openapi({
      description: 'Estimated from list prices per model (see prices_as_of); calls to unpriced models add 0',
    }),
    unpriced_calls: count.openapi({ description: 'Calls to models without a price, not in cost_usd' }),
    latency_ms: Timing.openapi({ description: 'Wall time of whole calls, retries included; count is calls' }),
    first_token_ms: Timing.openapi({
      description:
        'Time to first token of streamed answers: count is the streamed calls that got one (others add nothing)',
    }),
  })
  .openapi('LlmMetrics')

const GroupSlice = z.object({ key: z.string(), calls: count, total_tokens: count, cost_usd: z.number().min(0) })

export const LlmTelemetry = z
  .object({
    window: z.enum(TELEMETRY_WINDOWS),
    group_by: z.enum(TELEMETRY_GROUPS),
    from: z.string().openapi({ description: 'Start of the first hour of the window' }),
    to: z.string(),
    provider: z.object({
      name: z
        .enum(LLM_PROVIDERS)
        .openapi({ description: '`offline`: rules answer, no model is asked, nothing is spent' }),
      chat_model: z.string().nullable().openapi({ description: 'Configured model; null for the offline provider' }),
      embedding_model: z.string().nullable(),
    }),
    budget: z.object({
      applies: z.boolean().openapi({ description: 'False for the offline provider, whose calls cost nothing' }),
      period: z.enum(BUDGET_PERIODS),
      limit_tokens: count,
      used_tokens: count,
      resets_at: z.string(),
    }),
    prices_as_of: z.string(),
    totals: LlmMetrics,
    cumulative: LlmMetrics.openapi({ description: 'Since the tenant’s first LLM call' }),
    groups: z.array(z.object({ key: z.string(), metrics: LlmMetrics })).openapi({
      description: 'Per model or feature over the window, most calls first',
    }),
    series: z.array(
      z.object({
        hour: z.string().openapi({ description: 'Start of the UTC hour' }),
        calls: count,
        errors: count,
        prompt_tokens: count,
        completion_tokens: count,
        cost_usd: z.number().min(0),
        groups: z.array(GroupSlice),
      }),
    ),
  })
  .openapi('LlmTelemetry')
export type LlmTelemetry = z.infer<typeof LlmTelemetry>
export type LlmMetrics = z.infer<typeof LlmMetrics>
