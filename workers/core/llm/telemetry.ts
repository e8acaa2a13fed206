// LLM telemetry as counters: what one call adds, and how stored counters add up to a window's totals, its
// groups (by model or by feature) and an hourly series. Pure; the Redis I/O is adapters/llm-telemetry.ts.
//
// A call's counters are written under three dimensions at once (`all`, `model=<m>`, `feature=<f>`) into one
// hash per tenant and UTC hour and one cumulative hash per tenant, each field `<dimension>|<metric>`:
// calls, attempts, errors, err.<code>, prompt_tokens, completion_tokens, latency_ms (the sum), lat.<i> (the
// latency histogram: calls at or under LATENCY_BUCKETS_MS[i], the last index for the slower), cost_nusd
// (nano-dollars), unpriced (calls to models without a price), and for streamed calls that got a first piece of
// the answer ttft_calls, ttft_ms (the sum) and ttft.<i> (time to first token, the same buckets). Sums and counts
// only, so any set of hours adds up by addition, and a percentile comes from the merged histogram.
import { LLM_ERROR_CODES, type LlmErrorCode } from './port.ts'
import { estimateCostNanoUsd, nanoUsdToUsd } from './prices.ts'

/** Upper bounds of the latency histogram's buckets, in ms; one more bucket holds the slower calls. */
export const LATENCY_BUCKETS_MS = [25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000, 30_000] as const

export const HOUR_MS = 3_600_000

export const TELEMETRY_GROUPS = ['model', 'feature'] as const
export type TelemetryGroup = (typeof TELEMETRY_GROUPS)[number]

/** The windows the API serves, as hourly buckets; the longest sets how long hourly hashes are kept. */
export const TELEMETRY_WINDOWS = ['24h', '7d'] as const
export type TelemetryWindow = (typeof TELEMETRY_WINDOWS)[number]
export const WINDOW_HOURS: Readonly<Record<TelemetryWindow, number>> = { '24h': 24, '7d': 168 }

/** One call through the gateway, answered or failed, as the telemetry records it. */
export interface LlmCallRecord {
  feature: string
  model: string
  promptTokens: number
  completionTokens: number
  latencyMs: number
  /** Requests sent to the provider: 0 when refused before sending, 2 for a 429 then a success. */
  attempts: number
  error?: LlmErrorCode
  /** Streamed calls: wall time until the first piece of the answer (absent when none came, or not streamed). */
  firstTokenMs?: number
}

export interface LlmCounters {
  calls: number
  attempts: number
  errors: number
  errorsByCode: Partial<Record<LlmErrorCode, number>>
  promptTokens: number
  completionTokens: number
  latencyMsSum: number
  /** Calls per latency bucket, LATENCY_BUCKETS_MS.length + 1 of them. */
  latencyHistogram: number[]
  costNanoUsd: number
  unpricedCalls: number
  /** Streamed calls that got a first token, the sum of their times to it, and its histogram (as latency's). */
  firstTokenCalls: number
  firstTokenMsSum: number
  firstTokenHistogram: number[]
}

/** The UTC hour of `ms` as `YYYYMMDDHH`, the hourly hash's key part. */
export const hourBucket = (ms: number) => new Date(ms).toISOString().slice(0, 13).replace(/[-T]/g, '')

/** When a `YYYYMMDDHH` bucket starts, epoch ms. */
export const bucketStart = (bucket: string) =>
  Date.UTC(
    Number(bucket.slice(0, 4)),
    Number(bucket.slice(4, 6)) - 1,
    Number(bucket.slice(6, 8)),
    Number(bucket.slice(8, 10)),
  )

/** The `hours` hourly buckets ending with the one `now` is in, oldest first. */
export function windowBuckets(now: number, hours: number): string[] {
  const current = Math.floor(now / HOUR_MS) * HOUR_MS
  return Array.from({ length: hours }, (_, i) => hourBucket(current - (hours - 1 - i) * HOUR_MS))
}

/** A model or feature name as it may stand in a hash field: no `|` or `=`, printable, at most 80 characters. */
export function dimensionValue(text: string): string {
  const clean = text.replace(/[^\w.:/@+-]/g, '_').slice(0, 80)
  return clean === '' ? '_' : clean
}

export const latencyBucket = (ms: number) => {
  const index = LATENCY_BUCKETS_MS.findIndex((bound) => ms <= bound)
  return index < 0 ? LATENCY_BUCKETS_MS.length : index
}

/** The field increments one call adds (zero increments left out), the same for the hourly and cumulative hash. */
export function callIncrements(call: LlmCallRecord): Record<string, number> {
  const cost = estimateCostNanoUsd(call.model, call.promptTokens, call.completionTokens)
  const metrics: Record<string, number> = {
    calls: 1,
    attempts: call.attempts,
    prompt_tokens: call.promptTokens,
    completion_tokens: call.completionTokens,
    latency_ms: Math.round(call.latencyMs),
    [`lat.${latencyBucket(call.latencyMs)}`]: 1,
    cost_nusd: cost.nanoUsd,
    unpriced: cost.priced ? 0 : 1,
    errors: call.error ? 1 : 0,
    ...(call.error ? { [`err.${call.error}`]: 1 } : {}),
    ...(call.firstTokenMs === undefined
      ? {}
      : {
          ttft_calls: 1,
          // At least 1, so a first token within the millisecond still counts in the sum's field.
          ttft_ms: Math.max(1, Math.round(call.firstTokenMs)),
          [`ttft.${latencyBucket(call.firstTokenMs)}`]: 1,
        }),
  }
  const increments: Record<string, number> = {}
  for (const dimension of ['all', `model=${dimensionValue(call.model)}`, `feature=${dimensionValue(call.feature)}`])
    for (const [metric, by] of Object.entries(metrics)) if (by !== 0) increments[`${dimension}|${metric}`] = by
  return increments
}

const emptyHistogram = () => Array.from({ length: LATENCY_BUCKETS_MS.length + 1 }, () => 0)

export const emptyCounters = (): LlmCounters => ({
  calls: 0,
  attempts: 0,
  errors: 0,
  errorsByCode: {},
  promptTokens: 0,
  completionTokens: 0,
  latencyMsSum: 0,
  latencyHistogram: emptyHistogram(),
  costNanoUsd: 0,
  unpricedCalls: 0,
  firstTokenCalls: 0,
  firstTokenMsSum: 0,
  firstTokenHistogram: emptyHistogram(),
})

const addHistogram = (into: number[], from: readonly number[]) =>
  from.forEach((n, i) => {
    into[i] = (into[i] ?? 0) + n
  })

/** Adds `from` into `into` (mutated) and returns it. */
export function addCounters(into: LlmCounters, from: LlmCounters): LlmCounters {
  into.calls += from.calls
  into.attempts += from.attempts
  into.errors += from.errors
  for (const [code, n] of Object.entries(from.errorsByCode) as [LlmErrorCode, number][])
    into.errorsByCode[code] = (into.errorsByCode[code] ?? 0) + n
  into.promptTokens += from.promptTokens
  into.completionTokens += from.completionTokens
  into.latencyMsSum += from.latencyMsSum
  addHistogram(into.latencyHistogram, from.latencyHistogram)
  into.costNanoUsd += from.costNanoUsd
  into.unpricedCalls += from.unpricedCalls
  into.firstTokenCalls += from.firstTokenCalls
  into.firstTokenMsSum += from.firstTokenMsSum
  addHistogram(into.firstTokenHistogram, from.firstTokenHistogram)
  return into
}

const SCALAR: Record<string, keyof LlmCounters> = {
  calls: 'calls',
  attempts: 'attempts',
  errors: 'errors',
  prompt_tokens: 'promptTokens',
  completion_tokens: 'completionTokens',
  latency_ms: 'latencyMsSum',
  cost_nusd: 'costNanoUsd',
  unpriced: 'unpricedCalls',
  ttft_calls: 'firstTokenCalls',
  ttft_ms: 'firstTokenMsSum',
}
const HISTOGRAMS = { 'lat.': 'latencyHistogram', 'ttft.': 'firstTokenHistogram' } as const
const isErrorCode = (code: string): code is LlmErrorCode => (LLM_ERROR_CODES as readonly string[]).includes(code)

/**
 * A stored hash (field → count; Redis may hand numbers back as strings) as counters per dimension (`all`,
 * `model=…`, `feature=…`). Fields it does not know are skipped, so a newer writer never breaks a reader.
 */
export function parseCounters(hash: Readonly<Record<string, unknown>> | null): Map<string, LlmCounters> {
  const byDimension = new Map<string, LlmCounters>()
  for (const [field, raw] of Object.entries(hash ?? {})) {
    const bar = field.lastIndexOf('|')
    const value = Number(raw)
    if (bar < 0 || !Number.isFinite(value)) continue
    const dimension = field.slice(0, bar)
    const metric = field.slice(bar + 1)
    const counters = byDimension.get(dimension) ?? emptyCounters()
    byDimension.set(dimension, counters)
    const scalar = SCALAR[metric]
    if (scalar) (counters[scalar] as number) += value
    else if (metric.startsWith('err.') && isErrorCode(metric.slice(4)))
      counters.errorsByCode[metric.slice(4) as LlmErrorCode] = value
    else
      for (const [prefix, histogram] of Object.entries(HISTOGRAMS))
        if (metric.startsWith(prefix)) {
          const index = Number(metric.slice(prefix.length))
          if (Number.isInteger(index) && index >= 0 && index <= LATENCY_BUCKETS_MS.length)
            counters[histogram][index] = value
        }
  }
  return byDimension
}

/**
 * The latency under which a share `q` of the calls finished, from the histogram, interpolated linearly
 * within its bucket (as Prometheus' histogram_quantile does); when it falls among the slowest, beyond the
 * last bound, that bound is the answer (a floor). Null with no calls.
 */
export function latencyQuantile(histogram: readonly number[], q: number): number | null {
  const total = histogram.reduce((sum, n) => sum + n, 0)
  if (total === 0) return null
  const rank = q * total
  let below = 0
  for (const [i, n] of histogram.entries()) {
    if (n > 0 && below + n >= rank) {
      const upper = LATENCY_BUCKETS_MS[i]
      if (upper === undefined) return LATENCY_BUCKETS_MS[LATENCY_BUCKETS_MS.length - 1] as number
      const lower = i === 0 ? 0 : (LATENCY_BUCKETS_MS[i - 1] as number)
      return lower + ((upper - lower) * (rank - below)) / n
    }
    below += n
  }
  return LATENCY_BUCKETS_MS[LATENCY_BUCKETS_MS.length - 1] as number
}

export interface LlmSummary {
  calls: number
  attempts: number
  errors: number
  errorsByCode: { code: LlmErrorCode; count: number }[]
  promptTokens: number
  completionTokens: number
  totalTokens: number
  costUsd: number
  unpricedCalls: number
  latencyMs: TimingSummary
  /** Streamed calls only: time to the first piece of the answer. */
  firstTokenMs: TimingSummary
}

export interface TimingSummary {
  sum: number
  count: number
  mean: number | null
  p95: number | null
}

const timing = (sum: number, count: number, histogram: readonly number[]): TimingSummary => ({
  sum,
  count,
  mean: count === 0 ? null : sum / count,
  p95: latencyQuantile(histogram, 0.95),
})

export function summarise(counters: LlmCounters): LlmSummary {
  return {
    calls: counters.calls,
    attempts: counters.attempts,
    errors: counters.errors,
    errorsByCode: LLM_ERROR_CODES.flatMap((code) => {
      const count = counters.errorsByCode[code] ?? 0
      return count > 0 ? [{ code, count }] : []
    }),
    promptTokens: counters.promptTokens,
    completionTokens: counters.completionTokens,
    totalTokens: counters.promptTokens + counters.completionTokens,
    costUsd: nanoUsdToUsd(counters.costNanoUsd),
    unpricedCalls: counters.unpricedCalls,
    latencyMs: timing(counters.latencyMsSum, counters.calls, counters.latencyHistogram),
    firstTokenMs: timing(counters.firstTokenMsSum, counters.firstTokenCalls, counters.firstTokenHistogram),
  }
}

export interface LlmWindow {
  totals: LlmCounters
  /** Per model or feature name, over the whole window. */
  groups: Map<string, LlmCounters>
  /** One point per hour of the window, oldest first, empty hours included. */
  series: { bucket: string; totals: LlmCounters; groups: Map<string, LlmCounters> }[]
}

/** Adds up the hourly hashes of a window (in order), grouped by model or by feature. */
export function aggregateWindow(
  hours: readonly { bucket: string; hash: Readonly<Record<string, unknown>> | null }[],
  groupBy: TelemetryGroup,
): LlmWindow {
  const prefix = `${groupBy}=`
  const totals = emptyCounters()
  const groups = new Map<string, LlmCounters>()
  const series = hours.map(({ bucket, hash }) => {
    const dimensions = parseCounters(hash)
    const hourTotals = dimensions.get('all') ?? emptyCounters()
    addCounters(totals, hourTotals)
    const hourGroups = new Map<string, LlmCounters>()
    for (const [dimension, counters] of dimensions) {
      if (!dimension.startsWith(prefix)) continue
      const name = dimension.slice(prefix.length)
      hourGroups.set(name, counters)
      const group = groups.get(name) ?? emptyCounters()
      groups.set(name, addCounters(group, counters))
    }
    return { bucket, totals: hourTotals, groups: hourGroups }
  })
  return { totals, groups, series }
}
