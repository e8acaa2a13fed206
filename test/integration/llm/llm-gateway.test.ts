// The LLM gateway (services/llm/) inside workerd, on the real `openai` SDK path against the OpenAI stand-in,
// with the stack's Redis (Upstash REST): what reaches the stand-in, what the telemetry counts and shows on
// GET /v1/telemetry/llm, the tenant budget, and a Redis that is down. Each test uses models of its own, so
// the stand-in's failures and request log are its own.
import { createExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { createLogger } from '../../../workers/adapters/logger.ts'
import { openRedis } from '../../../workers/adapters/redis.ts'
import { createApp } from '../../../workers/api/index.ts'
import type { LlmTelemetry } from '../../../workers/contract/telemetry.ts'
import { estimateCostNanoUsd, nanoUsdToUsd } from '../../../workers/core/llm/prices.ts'
import { parseConfig } from '../../../workers/env.ts'
import { buildServices } from '../../../workers/services/container.ts'
import { createTenantLlm } from '../../../workers/services/llm/create-tenant-llm.ts'
import type { LlmGatewayConfig } from '../../../workers/services/llm/deps.ts'
import crmContactsApi from '../../fixtures/drift/csv-crm-contacts-export-to-api/new.json'
import crmContacts from '../../fixtures/drift/csv-crm-contacts-export-to-api/old.json'
import salesforceContacts from '../../fixtures/drift/salesforce-contact-custom-fields/old.json'
import customerRecords from '../../fixtures/llm/customer-records.json'
import { type Account, addMember, call, expectProblem, signup } from '../../support/api.ts'
import { llmFailure } from '../../support/llm-failure.ts'
import { control, openAiStandIn, received } from '../../support/openai-stand-in.ts'

const uniqueModel = () => `gw-${crypto.randomUUID().slice(0, 8)}`
const REDIS_DOWN = 'http://127.0.0.1:9'

/** The gateway on the `openai` path at the stand-in, for `tenantId`, with the stack's Redis unless told. */
function gateway(
  tenantId: string,
  feature: string,
  model: string,
  options: { config?: Partial<LlmGatewayConfig>; redisUrl?: string } = {},
) {
  const config: LlmGatewayConfig = {
    ...parseConfig(env),
    LLM_PROVIDER: 'openai',
    LLM_BASE_URL: `${openAiStandIn()}/v1`,
    LLM_API_KEY: 'sk-stand-in',
    LLM_MODEL: model,
    LLM_EMBEDDING_MODEL: `${model}-embed`,
    ...options.config,
  }
  const redis = openRedis(
    options.redisUrl ?? (env.UPSTASH_REDIS_REST_URL as string),
    env.UPSTASH_REDIS_REST_TOKEN as string,
  )
  return createTenantLlm({ config, redis, log: createLogger({ test: 'llm-gateway' }) }, tenantId, feature)
}

async function telemetry(account: Account, query = ''): Promise<LlmTelemetry> {
  const res = await call(`/v1/telemetry/llm${query}`, { token: account.tokens.access_token })
  expect(res.status).toBe(200)
  return (await res.json()) as LlmTelemetry
}

const Mapping = z.object({
  target_entity: z.enum(['account', 'contact', 'opportunity']),
  fields: z.array(z.object({ source: z.string(), target: z.string(), confidence: z.number().min(0).max(1) })),
})
const ask = (content: string, maxTokens?: number) => ({
  name: 'field_mapping',
  schema: Mapping,
  ...(maxTokens ? { maxTokens } : {}),
  messages: [
    { role: 'system' as const, content: 'Map the source fields to canonical fields. Answer in JSON.' },
    { role: 'user' as const, content },
  ],
})

type Snapshot = { path: string; type: string; samples?: unknown[] }[]
/** A mapping prompt as the mapping engine would build it: each field with its type and sample values. */
const describeFields = (fields: Snapshot) =>
  fields.map((f) => `- ${f.path} (${f.type}): ${(f.samples ?? []).join(', ')}`).join('\n')

describe('LLM gateway on the openai path', () => {
  let a: Account
  let b: Account
  beforeAll(async () => {
    ;[a, b] = await Promise.all([signup('Gateway A'), signup('Gateway B')])
  })

  it('never lets raw PII from source samples reach the provider: names, emails, phones, cards, IBANs, SSNs, IPs', async () => {
    const model = uniqueModel()
    const llm = gateway(a.tenantId, 'dcl.mapping', model)
    const snapshots = [crmContacts, crmContactsApi, salesforceContacts] as Snapshot[]
    const prompt = [
      ...snapshots.map((fields) => `Source stream fields (name, type, sample values):\n${describeFields(fields)}`),
      `Sample records:\n${customerRecords.map((r) => JSON.stringify(r)).join('\n')}`,
    ].join('\n\n')
    const answer = await llm.chat(ask(prompt))
    expect(answer.provider).toBe('openai')
    await llm.embed(customerRecords.map((r) => `${r.first_name} ${r.last_name} <${r.email}>, ${r.phone}`))

    const sent = [...(await received(model)), ...(await received(`${model}-embed`))]
    expect(sent.map((r) => r.path).sort()).toEqual(['/chat/completions', '/embeddings'])
    const wire = JSON.stringify(sent)
    const personFields = /name$|^(first|last)name$/i
    const raw = [
      ...snapshots.flatMap((fields) =>
        fields
          .filter((f) => /e-?mail|phone|fax/i.test(f.path) || (personFields.test(f.path) && !/company/i.test(f.path)))
          .flatMap((f) => (f.samples ?? []).map(String)),
      ),
      ...customerRecords.flatMap((r) => [
        r.first_name,
        r.last_name,
        r.email,
        r.phone,
        r.card_number,
        r.card_number.replaceAll(' ', ''),
        r.iban,
        r.ssn,
        r.last_login_ip,
      ]),
      'Tomasz Kowalski',
      'Okafor',
      '+44 20 7946 0018',
      'Priya Raman',
    ]
    expect(raw.length).toBeGreaterThan(40)
    // A value counts as leaked where it stands as a whole word: `Ana` in `Analytics` is not Ana.
    const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    const leaked = raw.filter((value) =>
      new RegExp(`(^|[^\\p{L}\\p{N}])${literal(value)}($|[^\\p{L}\\p{N}])`, 'u').test(wire),
    )
    expect(leaked).toEqual([])
    expect(wire).not.toContain('@example')
    for (const placeholder of [
      '<PERSON_1>',
      '<EMAIL_1>',
      '<PHONE_1>',
      '<CREDIT_CARD_1>',
      '<IBAN_1>',
      '<US_SSN_1>',
      '<IP_ADDRESS_1>',
    ])
      expect(wire).toContain(placeholder)
    // The map stays with the caller: the same gateway puts the values back, for its caller only.
    expect(llm.reidentify({ first: '<EMAIL_1>', card: ['<CREDIT_CARD_1>'] })).toEqual({
      first: 'ana@silva.pt',
      card: ['4242 4242 4242 4242'],
    })
  })

  it('counts every call, failures and retries included, and GET /v1/telemetry/llm shows them', async () => {
    const model = uniqueModel()
    const mapping = gateway(a.tenantId, 'dcl.mapping', model, { config: { LLM_MAX_RETRIES: 1 } })
    await mapping.chat(ask('Fields: cust_email, full_name'))
    await control('fail-next', { status: 429, model, endpoint: 'chat' })
    await mapping.chat(ask('Fields: account_name, website'))
    await control('fail-next', { status: 500, model, endpoint: 'chat', count: 2 })
    expect((await llmFailure(mapping.chat(ask('Fields: amount, stage')))).code).toBe('upstream_error')
    await control('answer-next', { model, content: '{"target_entity":"planet","fields":[]}' })
    expect((await llmFailure(mapping.chat(ask('Fields: close_date')))).code).toBe('invalid_output')
    await gateway(a.tenantId, 'kb.embed', model).embed(['chunk one', 'chunk two'])

    // What the stand-in received: 1 + (429, 200) + (500, 500) + 1 chat requests, 1 embeddings request.
    expect((await received(model)).map((r) => r.status)).toEqual([200, 429, 200, 500, 500, 200])
    expect(await received(`${model}-embed`)).toHaveLength(1)

    const byModel = await telemetry(a, '?window=24h&group_by=model')
    const chat = byModel.groups.find((g) => g.key === model)?.metrics
    expect(chat).toMatchObject({
      calls: 4,
      attempts: 6,
      errors: 2,
      errors_by_code: [
        { code: 'invalid_output', count: 1 },
        { code: 'upstream_error', count: 1 },
      ],
      cost_usd: 0,
      unpriced_calls: 4,
    })
    expect(chat?.prompt_tokens).toBeGreaterThan(0)
    expect(chat?.completion_tokens).toBeGreaterThan(0)
    expect(chat?.latency_ms.count).toBe(4)
    expect(chat?.latency_ms.p95).toBeGreaterThan(0)
    expect(byModel.groups.find((g) => g.key === `${model}-embed`)?.metrics).toMatchObject({
      calls: 1,
      attempts: 1,
      errors: 0,
      completion_tokens: 0,
    })
    expect(byModel.series).toHaveLength(24)
    const thisHour = byModel.series.at(-1)
    expect(thisHour?.groups.find((g) => g.key === model)?.calls).toBe(4)
    expect(byModel.cumulative.calls).toBeGreaterThanOrEqual(byModel.totals.calls)
    expect(byModel.provider.name).toBe('offline')
    expect(byModel.prices_as_of).toMatch(/^\d{4}-\d{2}$/)

    const byFeature = await telemetry(a, '?group_by=feature&window=7d')
    expect(byFeature.series).toHaveLength(168)
    expect(byFeature.groups.map((g) => g.key)).toEqual(expect.arrayContaining(['dcl.mapping', 'kb.embed']))
  })

  it('keeps the time to first token of streamed answers per model, for the streaming tenant only', async () => {
    const model = uniqueModel()
    const llm = gateway(a.tenantId, 'nlp.answer', model)
    await control('answer-next', { model, content: 'The renewal is at risk.' })
    const pieces: string[] = []
    const streamed = await llm.streamChat(
      { messages: [{ role: 'user', content: 'Why is the renewal at risk?' }] },
      (text) => {
        pieces.push(text)
      },
    )
    expect(pieces.length).toBeGreaterThan(1)
    await llm.chat(ask('Fields: region'))

    const byModel = await telemetry(a, '?group_by=model')
    const metrics = byModel.groups.find((g) => g.key === model)?.metrics
    // Two calls, one streamed: only the streamed one has a first token to count.
    expect(metrics?.calls).toBe(2)
    expect(metrics?.first_token_ms.count).toBe(1)
    expect(metrics?.first_token_ms.mean).toBeGreaterThan(0)
    expect(metrics?.first_token_ms.mean).toBeLessThanOrEqual(streamed.usage.latencyMs + 1)
    expect(metrics?.first_token_ms.p95).toBeGreaterThan(0)
    const byFeature = await telemetry(a, '?group_by=feature')
    expect(byFeature.groups.find((g) => g.key === 'nlp.answer')?.metrics.first_token_ms.count).toBeGreaterThanOrEqual(1)
    expect(byFeature.cumulative.first_token_ms.count).toBeGreaterThanOrEqual(1)

    const seenByB = await telemetry(b, '?group_by=model')
    expect(seenByB.totals.first_token_ms).toEqual({ sum: 0, count: 0, mean: null, p95: null })
    expect(seenByB.groups.find((g) => g.key === model)).toBeUndefined()
  })

  it('estimates cost from the price table for a listed model', async () => {
    const tenant = await signup('Priced')
    const llm = gateway(tenant.tenantId, 'nlp.answer', 'gpt-4o-mini')
    const { usage } = await llm.chat(ask('Fields: email'))
    const expected = nanoUsdToUsd(
      estimateCostNanoUsd('gpt-4o-mini', usage.promptTokens, usage.completionTokens).nanoUsd,
    )
    const shown = await telemetry(tenant)
    expect(shown.totals.cost_usd).toBeCloseTo(expected, 12)
    expect(shown.totals.cost_usd).toBeGreaterThan(0)
    expect(shown.totals.unpriced_calls).toBe(0)
  })

  it("keeps tenant A's telemetry from tenant B", async () => {
    await gateway(a.tenantId, 'dcl.mapping', uniqueModel()).chat(ask('Fields: owner'))
    const seenByB = await telemetry(b, '?group_by=model')
    expect(seenByB.totals.calls).toBe(0)
    expect(seenByB.cumulative.calls).toBe(0)
    expect(seenByB.groups).toEqual([])
    expect(seenByB.series.every((p) => p.calls === 0 && p.groups.length === 0)).toBe(true)
    expect((await telemetry(a)).totals.calls).toBeGreaterThan(0)
  })

  it('refuses a call over the tenant budget before sending it, with the wait until the budget resets', async () => {
    const tenant = await signup('Budget')
    const model = uniqueModel()
    const llm = gateway(tenant.tenantId, 'dcl.mapping', model, {
      config: { LLM_BUDGET_TOKENS: 1000, LLM_BUDGET_PERIOD: 'hour' },
    })
    // About 700 tokens in, at most 50 out: fits once in 1,000 tokens, not twice.
    const long = `Fields: ${Array.from({ length: 500 }, (_, i) => `f${i}`).join(', ')}`
    await llm.chat(ask(long, 50))
    const refused = await llmFailure(llm.chat(ask(long, 50)))
    expect(refused.code).toBe('budget_exceeded')
    expect(refused.message).toMatch(/LLM budget of 1000 tokens per hour is used up \(\d+ used; .*\); it resets at /)
    expect(refused.details.retryAfterMs).toBeGreaterThan(0)
    expect(refused.details.retryAfterMs).toBeLessThanOrEqual(3_600_000)
    expect(await received(model)).toHaveLength(1)
    const shown = await telemetry(tenant)
    expect(shown.totals).toMatchObject({
      calls: 2,
      attempts: 1,
      errors_by_code: [{ code: 'budget_exceeded', count: 1 }],
    })
  })

  it('answers with Redis down (budget unread, counts dropped), and the endpoint says why it has nothing', async () => {
    const model = uniqueModel()
    const llm = gateway(a.tenantId, 'dcl.mapping', model, { redisUrl: REDIS_DOWN })
    expect((await llm.chat(ask('Fields: phone'))).provider).toBe('openai')
    expect((await llm.embed(['text'])).vectors).toHaveLength(1)
    await control('answer-next', { model, content: 'Streamed all the same.' })
    expect((await llm.streamChat({ messages: [{ role: 'user', content: 'Say it.' }] }, () => {})).text).toBe(
      'Streamed all the same.',
    )
    expect(await received(model)).toHaveLength(2)

    const res = await createApp().request(
      '/v1/telemetry/llm',
      { headers: { authorization: `Bearer ${a.tokens.access_token}` } },
      { ...env, UPSTASH_REDIS_REST_URL: REDIS_DOWN },
      createExecutionContext(),
    )
    const problem = await expectProblem(res, 503, 'unavailable')
    expect(res.headers.get('retry-after')).toBe('60')
    expect(problem.detail).toContain('Redis')
    expect(problem.detail).toContain('not counted')
  })

  it('is offline in the test stack, through the Services container, and validates its query', async () => {
    const services = buildServices(env, {})
    try {
      const llm = services.llm(a.tenantId, 'nlp.answer')
      expect(llm.provider).toBe('offline')
      expect((await llm.chat(ask('Fields: email'))).provider).toBe('offline')
    } finally {
      await services.close()
    }
    const shown = await telemetry(a, '?group_by=feature')
    expect(shown.groups.find((g) => g.key === 'nlp.answer')?.metrics.cost_usd).toBe(0)
    await expectProblem(
      await call('/v1/telemetry/llm?window=30d', { token: a.tokens.access_token }),
      400,
      'validation_failed',
    )
    await expectProblem(await call('/v1/telemetry/llm'), 401, 'unauthorized')
    // A read like the dashboard: every role may look, a viewer too.
    const viewer = await addMember(a.tokens.access_token, { role: 'viewer' })
    expect((await telemetry(viewer)).totals.calls).toBe(shown.totals.calls)
  })
})
