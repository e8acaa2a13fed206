// LLM telemetry and budget counters in Redis, per tenant (the layout and the arithmetic are
// core/llm/telemetry.ts):
//   aos:<tenant>:llm:total              hash, cumulative since the first call, no expiry
//   aos:<tenant>:llm:hour:<YYYYMMDDHH>  hash, the same fields for one UTC hour, expiring after 8 days
//   aos:<tenant>:llm:budget:<d…|h…>     string, tokens used in the budget's current day or hour
// One call is one EVAL (atomic, one round trip); a window is read with one pipeline.
import type { Redis } from '@upstash/redis'
import { redisKey } from './redis.ts'

/** Hourly hashes outlive the longest window the API serves (7 days) by a day. */
export const HOURLY_TTL_SECONDS = 8 * 24 * 3600

export const llmTelemetryKeys = {
  cumulative: (tenantId: string) => redisKey(tenantId, 'llm', 'total'),
  hour: (tenantId: string, bucket: string) => redisKey(tenantId, 'llm', 'hour', bucket),
  budget: (tenantId: string, periodKey: string) => redisKey(tenantId, 'llm', 'budget', periodKey),
}

// KEYS: cumulative hash, hourly hash, budget counter. ARGV: hourly TTL, budget TTL, budget tokens, then
// field/increment pairs.
const RECORD_CALL = `
for i = 4, #ARGV, 2 do
  redis.call('HINCRBY', KEYS[1], ARGV[i], ARGV[i + 1])
  redis.call('HINCRBY', KEYS[2], ARGV[i], ARGV[i + 1])
end
redis.call('EXPIRE', KEYS[2], ARGV[1])
if tonumber(ARGV[3]) > 0 then
  redis.call('INCRBY', KEYS[3], ARGV[3])
  redis.call('EXPIRE', KEYS[3], ARGV[2])
end
return 1
`

export interface LlmCallWrite {
  /** Field → increment (core/llm/telemetry.ts callIncrements). */
  increments: Record<string, number>
  /** The call's UTC hour, `YYYYMMDDHH`. */
  hour: string
  budget: { periodKey: string; ttlSeconds: number; tokens: number }
}

export async function recordLlmCall(redis: Redis, tenantId: string, write: LlmCallWrite): Promise<void> {
  const pairs = Object.entries(write.increments).flatMap(([field, by]) => [field, String(Math.round(by))])
  await redis.eval(
    RECORD_CALL,
    [
      llmTelemetryKeys.cumulative(tenantId),
      llmTelemetryKeys.hour(tenantId, write.hour),
      llmTelemetryKeys.budget(tenantId, write.budget.periodKey),
    ],
    [String(HOURLY_TTL_SECONDS), String(write.budget.ttlSeconds), String(Math.round(write.budget.tokens)), ...pairs],
  )
}

/** Tokens used in the budget period `periodKey` (0 when nothing was counted yet). */
export async function readBudgetUsed(redis: Redis, tenantId: string, periodKey: string): Promise<number> {
  const used = Number(await redis.get<number | string>(llmTelemetryKeys.budget(tenantId, periodKey)))
  return Number.isFinite(used) ? used : 0
}

type Hash = Record<string, unknown> | null

/** The cumulative hash, the hourly hashes of `buckets` (in order) and the budget's count, in one round trip. */
export async function readLlmTelemetry(
  redis: Redis,
  tenantId: string,
  buckets: readonly string[],
  budgetPeriodKey: string,
): Promise<{ cumulative: Hash; hours: { bucket: string; hash: Hash }[]; budgetUsed: number }> {
  const pipeline = redis.pipeline()
  pipeline.hgetall(llmTelemetryKeys.cumulative(tenantId))
  for (const bucket of buckets) pipeline.hgetall(llmTelemetryKeys.hour(tenantId, bucket))
  pipeline.get(llmTelemetryKeys.budget(tenantId, budgetPeriodKey))
  const replies = await pipeline.exec<unknown[]>()
  const used = Number(replies[buckets.length + 1] ?? 0)
  return {
    cumulative: replies[0] as Hash,
    hours: buckets.map((bucket, i) => ({ bucket, hash: replies[i + 1] as Hash })),
    budgetUsed: Number.isFinite(used) ? used : 0,
  }
}
