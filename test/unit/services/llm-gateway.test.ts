// The LLM gateway with the offline provider, against the Upstash REST shim (in-process store) the dev stack
// and the integration tests use, and against a Redis that refuses or never answers.
import { createServer, type Server } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { freePort } from '../../../scripts/lib/free-port.ts'
import { type RunningUpstash, startUpstashShim } from '../../../scripts/lib/upstash-shim.ts'
import { readLlmTelemetry } from '../../../workers/adapters/llm-telemetry.ts'
import type { LogLevel } from '../../../workers/adapters/logger.ts'
import { openRedis } from '../../../workers/adapters/redis.ts'
import { LlmError } from '../../../workers/core/llm/port.ts'
import { aggregateWindow, hourBucket, parseCounters } from '../../../workers/core/llm/telemetry.ts'
import { createTenantLlm } from '../../../workers/services/llm/create-tenant-llm.ts'
import type { LlmGatewayConfig, LlmGatewayDeps } from '../../../workers/services/llm/deps.ts'
import { llmProblem } from '../../../workers/services/llm/llm-problem.ts'
import { REDIS_WAIT_MS } from '../../../workers/services/within.ts'

const config: LlmGatewayConfig = {
  LLM_PROVIDER: 'offline',
  LLM_BASE_URL: 'https://api.openai.com/v1',
  LLM_MODEL: 'gpt-4o-mini',
  LLM_EMBEDDING_MODEL: 'text-embedding-3-small',
  LLM_TIMEOUT_MS: 30_000,
  LLM_MAX_RETRIES: 3,
  LLM_MAX_TOKENS_PER_CALL: 32_000,
  LLM_BUDGET_TOKENS: 10,
  LLM_BUDGET_PERIOD: 'day',
}

let shim: RunningUpstash
let silent: Server
let silentPort: number
beforeAll(async () => {
  shim = await startUpstashShim({ port: await freePort(), token: 'unit-token' })
  // Accepts connections and never answers: a Redis that hangs rather than refuses.
  silent = createServer(() => {})
  silentPort = await freePort()
  await new Promise<void>((resolve) => silent.listen(silentPort, '127.0.0.1', resolve))
})
afterAll(async () => {
  await shim.stop()
  silent.close()
})

function deps(redisUrl = shim.url) {
  const logged: { level: LogLevel; message: string; fields: Record<string, unknown> }[] = []
  const d: LlmGatewayDeps = {
    config,
    redis: openRedis(redisUrl, 'unit-token'),
    log: (level, message, fields = {}) => logged.push({ level, message, fields }),
  }
  return { deps: d, logged }
}

const Summary = z.object({ contact: z.string(), topic: z.enum(['billing', 'shipping']) })
const ask = {
  name: 'summary',
  schema: Summary,
  messages: [
    { role: 'system' as const, content: 'Summarise the ticket.' },
    { role: 'user' as const, content: 'contact: Maria Garcia, maria.garcia@example.com, +1 (415) 555-0134' },
    { role: 'user' as const, content: 'Her card 4111 1111 1111 1111 was charged twice: billing.' },
  ],
}

describe('LLM gateway', () => {
  it('redacts every prompt with the PII redactor, and re-identifies the answer for its caller only', async () => {
    const { deps: d } = deps()
    const tenant = crypto.randomUUID()
    const llm = createTenantLlm(d, tenant, 'nlp.answer')
    expect(llm.provider).toBe('offline')
    const result = await llm.chat(ask)
    // The offline provider answers a free string with the prompt line nearest the field's name: the line as
    // the provider saw it, placeholders and all.
    expect(result.value.contact).toBe('contact: <PERSON_1>, <EMAIL_1>, <PHONE_1>')
    expect(JSON.stringify(result.value)).not.toMatch(/maria|555|4111/i)
    expect(llm.reidentify(result.value)).toEqual({
      contact: 'contact: Maria Garcia, maria.garcia@example.com, +1 (415) 555-0134',
      topic: 'billing',
    })
    // Another gateway (another request) has its own map: it cannot turn these placeholders back.
    expect(createTenantLlm(d, tenant, 'nlp.answer').reidentify(result.value)).toEqual(result.value)
  })

  it('offlineEmbedsRaw leaves only offline embeddings raw: chat in the same gateway is still redacted', async () => {
    const { deps: d } = deps()
    const tenant = crypto.randomUUID()
    const raw = createTenantLlm(d, tenant, 'nlp.answer', { offlineEmbedsRaw: true })
    const chat = await raw.chat(ask)
    expect(chat.value.contact).toBe('contact: <PERSON_1>, <EMAIL_1>, <PHONE_1>')
    expect(JSON.stringify(chat.value)).not.toMatch(/maria|555|4111/i)
    // The raw gateway embeds the email itself; a redacting gateway embeds its placeholder.
    const text = 'Write to maria.garcia@example.com about the invoice'
    const [rawVector] = (await raw.embed([text])).vectors
    const [redactedVector] = (await createTenantLlm(d, tenant, 'kb.embed').embed([text])).vectors
    const [placeholderVector] = (
      await createTenantLlm(d, tenant, 'kb.embed', { offlineEmbedsRaw: true }).embed([
        'Write to <EMAIL_1> about the invoice',
      ])
    ).vectors
    expect(rawVector).not.toEqual(redactedVector)
    expect(redactedVector).toEqual(placeholderVector)
  })

  it('counts every call by feature and model, per hour and cumulatively, without touching the budget offline', async () => {
    const { deps: d } = deps()
    const tenant = crypto.randomUUID()
    const mapping = createTenantLlm(d, tenant, 'dcl.mapping')
    await mapping.chat(ask)
    await mapping.chat(ask)
    await createTenantLlm(d, tenant, 'kb.embed').embed(['first chunk', 'second chunk'])
    await createTenantLlm(d, tenant, 'kb.embed').embed([])
    const stored = await readLlmTelemetry(d.redis, tenant, [hourBucket(Date.now())], 'd00000000')
    const byFeature = aggregateWindow(stored.hours, 'feature')
    expect(byFeature.totals.calls).toBe(3)
    expect(byFeature.groups.get('dcl.mapping')).toMatchObject({ calls: 2, attempts: 2, errors: 0, costNanoUsd: 0 })
    expect(byFeature.groups.get('kb.embed')).toMatchObject({ calls: 1, completionTokens: 0 })
    expect([...aggregateWindow(stored.hours, 'model').groups.keys()].sort()).toEqual([
      'offline-ngram-v1-256',
      'offline-rules-v1',
    ])
    expect(parseCounters(stored.cumulative).get('all')?.calls).toBe(3)
    // LLM_BUDGET_TOKENS is 10 here: offline calls are free, so neither refused nor counted against it.
    expect(await d.redis.keys(`aos:${tenant}:llm:budget:*`)).toEqual([])
  })

  it('counts a failed call under its error code, and rethrows it', async () => {
    const { deps: d } = deps()
    const tenant = crypto.randomUUID()
    const llm = createTenantLlm(d, tenant, 'dcl.mapping')
    const unanswerable = z.object({ code: z.string().regex(/^[A-Z]{3}-\d{4}$/) })
    await expect(llm.chat({ ...ask, name: 'code', schema: unanswerable })).rejects.toMatchObject({
      code: 'invalid_output',
    })
    const stored = await readLlmTelemetry(d.redis, tenant, [hourBucket(Date.now())], 'x')
    expect(aggregateWindow(stored.hours, 'feature').totals).toMatchObject({
      calls: 1,
      errors: 1,
      errorsByCode: { invalid_output: 1 },
    })
  })

  it('answers when Redis refuses, dropping the counts with a warning that holds no prompt', async () => {
    const { deps: d, logged } = deps('http://127.0.0.1:9')
    const llm = createTenantLlm(d, crypto.randomUUID(), 'nlp.answer')
    expect((await llm.chat(ask)).provider).toBe('offline')
    expect((await llm.embed(['a text'])).vectors).toHaveLength(1)
    const warnings = logged.filter((l) => l.level === 'warn')
    expect(warnings.map((w) => w.message)).toEqual([
      'LLM telemetry dropped: Redis did not take the call’s counts',
      'LLM telemetry dropped: Redis did not take the call’s counts',
    ])
    expect(warnings[0]?.fields).toMatchObject({ feature: 'nlp.answer', model: 'offline-rules-v1' })
    expect(JSON.stringify(logged)).not.toMatch(/maria|555-0134|4111/i)
  })

  it('answers when Redis hangs, after waiting for it at most REDIS_WAIT_MS', async () => {
    const { deps: d, logged } = deps(`http://127.0.0.1:${silentPort}`)
    const started = Date.now()
    expect((await createTenantLlm(d, crypto.randomUUID(), 'nlp.answer').chat(ask)).provider).toBe('offline')
    expect(Date.now() - started).toBeLessThan(REDIS_WAIT_MS + 1000)
    expect(logged[0]?.fields.error).toContain(`no answer within ${REDIS_WAIT_MS} ms`)
  })

  it('refuses a feature name telemetry could not group by', () => {
    const { deps: d } = deps()
    for (const bad of ['', 'Mapping', 'dcl mapping', 'dcl..mapping', 'x'.repeat(65), 'dcl.mapping|evil'])
      expect(() => createTenantLlm(d, 't', bad)).toThrow(TypeError)
    expect(createTenantLlm(d, 't', 'kb.embed_chunks').feature).toBe('kb.embed_chunks')
  })
})

describe('LlmError as a problem', () => {
  it('is llm-budget-exceeded (429, Retry-After) for the budget, llm-unavailable (503) upstream, nothing for our own bugs', () => {
    const budget = llmProblem(
      new LlmError('budget_exceeded', 'budget refused: used up; it resets at 2026-11-26T00:00:00Z', {
        retryAfterMs: 90_500,
      }),
    )
    expect(budget).toMatchObject({ code: 'llm_budget_exceeded', status: 429, headers: { 'Retry-After': '91' } })
    expect(budget?.detail).toContain('LLM_BUDGET_TOKENS')
    expect(llmProblem(new LlmError('rate_limited', 'x', { retryAfterMs: 120_000 }))).toMatchObject({
      code: 'llm_unavailable',
      status: 503,
      headers: { 'Retry-After': '120' },
    })
    expect(llmProblem(new LlmError('timeout', 'x'))?.headers).toBeUndefined()
    expect(llmProblem(new LlmError('rejected', 'x'))).toBeUndefined()
  })
})
