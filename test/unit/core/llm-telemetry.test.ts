import { describe, expect, it } from 'vitest'
import { budgetPeriod, combineBudgets, perCallTokenCap, periodTokenBudget } from '../../../workers/core/llm/budget.ts'
import type { BudgetRequest } from '../../../workers/core/llm/port.ts'
import { estimateCostNanoUsd, nanoUsdToUsd, priceOf } from '../../../workers/core/llm/prices.ts'
import {
  aggregateWindow,
  bucketStart,
  callIncrements,
  hourBucket,
  LATENCY_BUCKETS_MS,
  type LlmCallRecord,
  latencyQuantile,
  parseCounters,
  summarise,
  windowBuckets,
} from '../../../workers/core/llm/telemetry.ts'

const at = (iso: string) => Date.parse(iso)

describe('price table', () => {
  it('prices a model by its name and its dated snapshots, never a snapshot of one model as another', () => {
    expect(priceOf('gpt-4o-mini')).toEqual({ input: 0.15, output: 0.6 })
    expect(priceOf('gpt-4o-mini-2024-07-18')).toEqual(priceOf('gpt-4o-mini'))
    expect(priceOf('gpt-4o-2024-08-06')).toEqual(priceOf('gpt-4o'))
    expect(priceOf('GPT-4o')).toEqual(priceOf('gpt-4o'))
    expect(priceOf('models/gemini-2.0-flash')).toEqual(priceOf('gemini-2.0-flash'))
    expect(priceOf('gemini-2.0-flash-001')).toEqual(priceOf('gemini-2.0-flash'))
    expect(priceOf('gpt-4o-mini-transcribe')).toBeUndefined()
    expect(priceOf('llama-3.1-8b-instruct')).toBeUndefined()
  })

  it('estimates cost in nano-dollars; the offline provider is free; an unknown model is 0 and unpriced', () => {
    // 1,000 tokens in at $0.15/M and 500 out at $0.60/M: $0.00015 + $0.0003.
    expect(estimateCostNanoUsd('gpt-4o-mini', 1000, 500)).toEqual({ nanoUsd: 450_000, priced: true })
    expect(nanoUsdToUsd(450_000)).toBeCloseTo(0.00045, 12)
    // Embeddings are priced per input token only; a single token is still counted, not rounded away.
    expect(estimateCostNanoUsd('text-embedding-3-small', 1, 0)).toEqual({ nanoUsd: 20, priced: true })
    expect(estimateCostNanoUsd('offline-rules-v1', 10_000, 10_000)).toEqual({ nanoUsd: 0, priced: true })
    expect(estimateCostNanoUsd('my-local-model', 10_000, 10_000)).toEqual({ nanoUsd: 0, priced: false })
  })
})

describe('hourly buckets', () => {
  it('names a UTC hour YYYYMMDDHH and finds its start again', () => {
    expect(hourBucket(at('2026-11-25T14:59:59.999Z'))).toBe('2026112514')
    expect(bucketStart('2026112514')).toBe(at('2026-11-25T14:00:00Z'))
  })

  it('lists the hours of a window oldest first, ending with the current one, across a month boundary', () => {
    const buckets = windowBuckets(at('2026-12-01T01:30:00Z'), 24)
    expect(buckets).toHaveLength(24)
    expect(buckets[0]).toBe('2026113002')
    expect(buckets.at(-1)).toBe('2026120101')
    expect(new Set(buckets).size).toBe(24)
    expect(windowBuckets(at('2026-12-01T01:30:00Z'), 168)[0]).toBe('2026112402')
  })
})

const request = (estimatedPromptTokens: number, maxCompletionTokens: number): BudgetRequest => ({
  tenantId: 't',
  kind: 'chat',
  model: 'gpt-4o-mini',
  estimatedPromptTokens,
  maxCompletionTokens,
})

describe('tenant token budget', () => {
  it('keys a UTC day or hour and says when it ends', () => {
    const now = at('2026-11-25T14:20:00Z')
    expect(budgetPeriod('day', now)).toEqual({ key: 'd20261125', endsAt: at('2026-11-26T00:00:00Z') })
    expect(budgetPeriod('hour', now)).toEqual({ key: 'h2026112514', endsAt: at('2026-11-25T15:00:00Z') })
  })

  it('lets a call through while its bound fits, and refuses with the reset time and the wait when not', () => {
    const now = at('2026-11-25T23:00:00Z')
    const state = { period: 'day' as const, limitTokens: 10_000, endsAt: at('2026-11-26T00:00:00Z'), now }
    expect(periodTokenBudget(request(1000, 1000), { ...state, usedTokens: 8000 })).toEqual({ ok: true })
    const refused = periodTokenBudget(request(1000, 1024), { ...state, usedTokens: 8000 })
    expect(refused).toEqual({
      ok: false,
      reason:
        "the tenant's LLM budget of 10000 tokens per day is used up (8000 used; this chat call may use up to 2024); it resets at 2026-11-26T00:00:00Z",
      retryAfterMs: 3_600_000,
    })
  })

  it('combines budgets: the first refusal wins, and all must agree', async () => {
    const never = { check: () => ({ ok: false as const, reason: 'never' }) }
    const capFirst = await combineBudgets(perCallTokenCap(100), never).check(request(1000, 0))
    expect(capFirst.ok === false && capFirst.reason).toContain('cap per call')
    expect(await combineBudgets(perCallTokenCap(5000), never).check(request(10, 0))).toEqual({
      ok: false,
      reason: 'never',
    })
    expect(await combineBudgets(perCallTokenCap(5000)).check(request(10, 0))).toEqual({ ok: true })
  })
})

const call = (over: Partial<LlmCallRecord> = {}): LlmCallRecord => ({
  feature: 'dcl.mapping',
  model: 'gpt-4o-mini',
  promptTokens: 1000,
  completionTokens: 500,
  latencyMs: 180,
  attempts: 1,
  ...over,
})

describe('call counters', () => {
  it('writes each metric under all, the model and the feature, leaving zero increments out', () => {
    const fields = callIncrements(call({ attempts: 2 }))
    expect(fields).toMatchObject({
      'all|calls': 1,
      'all|attempts': 2,
      'all|prompt_tokens': 1000,
      'all|completion_tokens': 500,
      'all|latency_ms': 180,
      'all|lat.3': 1,
      'all|cost_nusd': 450_000,
      'model=gpt-4o-mini|calls': 1,
      'feature=dcl.mapping|cost_nusd': 450_000,
    })
    expect(Object.keys(fields).some((f) => f.endsWith('|errors') || f.endsWith('|unpriced'))).toBe(false)
  })

  it('counts a failure by its code and an unknown model as unpriced', () => {
    const fields = callIncrements(
      call({ model: 'llama|3', error: 'budget_exceeded', attempts: 0, promptTokens: 0, completionTokens: 0 }),
    )
    expect(fields).toMatchObject({ 'all|errors': 1, 'all|err.budget_exceeded': 1, 'model=llama_3|unpriced': 1 })
    expect(fields['all|attempts']).toBeUndefined()
  })

  it('reads counters back from a hash whose numbers came back as strings, skipping fields it does not know', () => {
    const hash = Object.fromEntries(Object.entries(callIncrements(call())).map(([k, v]) => [k, String(v)]))
    const parsed = parseCounters({ ...hash, 'all|err.from_the_future': '3', 'all|lat.99': '1', junk: '1' })
    const all = parsed.get('all')
    expect(all).toMatchObject({ calls: 1, promptTokens: 1000, costNanoUsd: 450_000, errorsByCode: {} })
    expect(all?.latencyHistogram.reduce((a, b) => a + b)).toBe(1)
    expect([...parsed.keys()].sort()).toEqual(['all', 'feature=dcl.mapping', 'model=gpt-4o-mini'])
    expect(parseCounters(null).size).toBe(0)
  })
})

describe('latency quantiles from the histogram', () => {
  const histogram = (pairs: [number, number][]) => {
    const h = Array.from({ length: LATENCY_BUCKETS_MS.length + 1 }, () => 0)
    for (const [i, n] of pairs) h[i] = n
    return h
  }

  it('interpolates within the bucket the quantile falls in', () => {
    // 100 calls: 90 in (0, 25], 10 in (250, 500]: the 95th is halfway into the second.
    expect(
      latencyQuantile(
        histogram([
          [0, 90],
          [4, 10],
        ]),
        0.95,
      ),
    ).toBe(375)
    expect(latencyQuantile(histogram([[0, 100]]), 0.95)).toBeCloseTo(23.75)
  })

  it('gives the last bound when the quantile is among the slowest, and null without calls', () => {
    expect(latencyQuantile(histogram([[LATENCY_BUCKETS_MS.length, 5]]), 0.95)).toBe(30_000)
    expect(latencyQuantile(histogram([]), 0.95)).toBeNull()
  })
})

describe('window aggregation', () => {
  const hash = (...calls: LlmCallRecord[]) => {
    const out: Record<string, number> = {}
    for (const c of calls) for (const [k, v] of Object.entries(callIncrements(c))) out[k] = (out[k] ?? 0) + v
    return out
  }
  const hours = [
    { bucket: '2026112512', hash: hash(call(), call({ feature: 'kb.embed', model: 'text-embedding-3-small' })) },
    { bucket: '2026112513', hash: null },
    { bucket: '2026112514', hash: hash(call({ error: 'rate_limited', attempts: 4, completionTokens: 0 })) },
  ]

  it('adds the hours up into totals, groups by model or feature, and keeps empty hours in the series', () => {
    const byFeature = aggregateWindow(hours, 'feature')
    expect(byFeature.totals.calls).toBe(3)
    expect(byFeature.totals.errorsByCode).toEqual({ rate_limited: 1 })
    expect(byFeature.totals.attempts).toBe(6)
    expect([...byFeature.groups.keys()].sort()).toEqual(['dcl.mapping', 'kb.embed'])
    expect(byFeature.groups.get('dcl.mapping')?.calls).toBe(2)
    expect(byFeature.series.map((p) => p.totals.calls)).toEqual([2, 0, 1])
    expect(byFeature.series[1]?.groups.size).toBe(0)
    const byModel = aggregateWindow(hours, 'model')
    expect(byModel.groups.get('gpt-4o-mini')?.calls).toBe(2)
    expect(byModel.groups.get('text-embedding-3-small')?.promptTokens).toBe(1000)
  })

  it('summarises counters with totals, mean and p95 latency and cost in dollars', () => {
    const summary = summarise(aggregateWindow(hours, 'feature').totals)
    expect(summary).toMatchObject({
      calls: 3,
      errors: 1,
      errorsByCode: [{ code: 'rate_limited', count: 1 }],
      promptTokens: 3000,
      completionTokens: 1000,
      totalTokens: 4000,
      unpricedCalls: 0,
      latencyMs: { sum: 540, count: 3, mean: 180 },
    })
    // gpt-4o-mini: 1000 in + 500 out answered, 1000 in failed; embeddings: 1000 in (their output is free).
    expect(summary.costUsd).toBeCloseTo(0.00045 + 0.00015 + 0.00002, 12)
    expect(summary.latencyMs.p95).toBeGreaterThan(100)
    expect(summary.latencyMs.p95).toBeLessThanOrEqual(250)
    // No call was streamed: no first token to average.
    expect(summary.firstTokenMs).toEqual({ sum: 0, count: 0, mean: null, p95: null })
  })

  it('keeps time to first token for streamed calls only, as a sum, a count and a histogram', () => {
    const streamed = (firstTokenMs: number) => call({ firstTokenMs })
    expect(callIncrements(streamed(40))).toMatchObject({
      'all|ttft_calls': 1,
      'all|ttft_ms': 40,
      'all|ttft.1': 1,
      'model=gpt-4o-mini|ttft_ms': 40,
    })
    expect(Object.keys(callIncrements(call())).some((f) => f.includes('ttft'))).toBe(false)
    const window = aggregateWindow(
      [
        { bucket: '2026112512', hash: hash(streamed(40), call(), streamed(0.2)) },
        { bucket: '2026112513', hash: hash(streamed(400)) },
      ],
      'model',
    )
    const { firstTokenMs, latencyMs } = summarise(window.totals)
    // A sub-millisecond first token still counts (as 1 ms); the unstreamed call is not in the count.
    expect(firstTokenMs).toMatchObject({ sum: 441, count: 3, mean: 147 })
    expect(firstTokenMs.p95).toBeGreaterThan(250)
    expect(firstTokenMs.p95).toBeLessThanOrEqual(500)
    expect(latencyMs.count).toBe(4)
    expect(summarise(window.groups.get('gpt-4o-mini') ?? window.totals).firstTokenMs.count).toBe(3)
  })
})
