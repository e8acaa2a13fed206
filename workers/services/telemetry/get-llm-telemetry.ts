import { readLlmTelemetry } from '../../adapters/llm-telemetry.ts'
import type { LlmTelemetry } from '../../contract/telemetry.ts'
import { budgetPeriod } from '../../core/llm/budget.ts'
import { nanoUsdToUsd, PRICES_AS_OF } from '../../core/llm/prices.ts'
import {
  aggregateWindow,
  bucketStart,
  emptyCounters,
  parseCounters,
  type TelemetryGroup,
  type TelemetryWindow,
  WINDOW_HOURS,
  windowBuckets,
} from '../../core/llm/telemetry.ts'
import type { Services } from '../container.ts'
import { ProblemError } from '../problem-error.ts'
import { REDIS_WAIT_MS, within } from '../within.ts'
import { byCalls, groupSlice, presentMetrics } from './present-llm-telemetry.ts'

const iso = (ms: number) => new Date(ms).toISOString()

/**
 * The tenant's LLM telemetry over the last 24 hours or 7 days: totals, per model or feature, and by hour,
 * with the cumulative totals, the provider in use and the budget's state. Without Redis there is nothing to
 * show: a 503 that says so (the LLM calls themselves go on; their counts are dropped meanwhile).
 */
export async function getLlmTelemetry(
  services: Services,
  tenantId: string,
  query: { window: TelemetryWindow; group_by: TelemetryGroup },
  now = Date.now(),
): Promise<LlmTelemetry> {
  const { config } = services
  const buckets = windowBuckets(now, WINDOW_HOURS[query.window])
  const period = budgetPeriod(config.LLM_BUDGET_PERIOD, now)
  let stored: Awaited<ReturnType<typeof readLlmTelemetry>>
  try {
    stored = await within(
      readLlmTelemetry(services.redis, tenantId, buckets, period.key),
      REDIS_WAIT_MS,
      'LLM telemetry read',
    )
  } catch (error) {
    services.log('warn', 'LLM telemetry unreadable (Redis)', { tenant_id: tenantId, error: String(error) })
    throw new ProblemError(
      'unavailable',
      'LLM telemetry is kept in Redis, which is not answering. LLM features keep working, but calls made while it is down are not counted. Retry in a minute.',
      undefined,
      { 'Retry-After': '60' },
    )
  }
  const window = aggregateWindow(stored.hours, query.group_by)
  const offline = config.LLM_PROVIDER === 'offline'
  return {
    window: query.window,
    group_by: query.group_by,
    from: iso(bucketStart(buckets[0] as string)),
    to: iso(now),
    provider: {
      name: config.LLM_PROVIDER,
      chat_model: offline ? null : config.LLM_MODEL,
      embedding_model: offline ? null : config.LLM_EMBEDDING_MODEL,
    },
    budget: {
      applies: !offline,
      period: config.LLM_BUDGET_PERIOD,
      limit_tokens: config.LLM_BUDGET_TOKENS,
      used_tokens: stored.budgetUsed,
      resets_at: iso(period.endsAt),
    },
    prices_as_of: PRICES_AS_OF,
    totals: presentMetrics(window.totals),
    cumulative: presentMetrics(parseCounters(stored.cumulative).get('all') ?? emptyCounters()),
    groups: byCalls(window.groups, (key, counters) => ({ key, metrics: presentMetrics(counters) })),
    series: window.series.map((point) => ({
      hour: iso(bucketStart(point.bucket)),
      calls: point.totals.calls,
      errors: point.totals.errors,
      prompt_tokens: point.totals.promptTokens,
      completion_tokens: point.totals.completionTokens,
      cost_usd: nanoUsdToUsd(point.totals.costNanoUsd),
      groups: byCalls(point.groups, groupSlice),
    })),
  }
}
