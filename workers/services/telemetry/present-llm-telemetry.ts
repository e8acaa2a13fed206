import type { LlmMetrics } from '../../contract/telemetry.ts'
import { nanoUsdToUsd } from '../../core/llm/prices.ts'
import { type LlmCounters, summarise } from '../../core/llm/telemetry.ts'

/** Counters as the wire's LlmMetrics. */
export function presentMetrics(counters: LlmCounters): LlmMetrics {
  const s = summarise(counters)
  return {
    calls: s.calls,
    attempts: s.attempts,
    errors: s.errors,
    errors_by_code: s.errorsByCode,
    prompt_tokens: s.promptTokens,
    completion_tokens: s.completionTokens,
    total_tokens: s.totalTokens,
    cost_usd: s.costUsd,
    unpriced_calls: s.unpricedCalls,
    latency_ms: s.latencyMs,
    first_token_ms: s.firstTokenMs,
  }
}

/** Per group, most calls first (then by name, so the order is stable). */
export const byCalls = <T>(groups: Map<string, LlmCounters>, shape: (key: string, counters: LlmCounters) => T): T[] =>
  [...groups]
    .sort(([a, x], [b, y]) => y.calls - x.calls || a.localeCompare(b))
    .map(([key, counters]) => shape(key, counters))

export const groupSlice = (key: string, c: LlmCounters) => ({
  key,
  calls: c.calls,
  total_tokens: c.promptTokens + c.completionTokens,
  cost_usd: nanoUsdToUsd(c.costNanoUsd),
})
