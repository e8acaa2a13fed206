// The real `openai` SDK path, inside workerd, against the OpenAI stand-in (dev/vendors/openai.ts) in the
// test harness. Each test uses a model name of its own, so the stand-in's failures and request log are its own.
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { createLlmProvider } from '../../../workers/adapters/llm/index.ts'
import { createOpenAiProvider, type OpenAiProviderOptions } from '../../../workers/adapters/llm/openai.ts'
import { perCallTokenCap } from '../../../workers/core/llm/budget.ts'
import type { Redactor } from '../../../workers/core/llm/port.ts'
import { parseConfig } from '../../../workers/env.ts'
import { llmFailure } from '../../support/llm-failure.ts'
import { control, openAiStandIn, received } from '../../support/openai-stand-in.ts'

const uniqueModel = () => `stand-in-${crypto.randomUUID().slice(0, 8)}`

/** A stand-in for the PII redactor (core/nlp/redaction/): emails and phone numbers to typed placeholders. */
const redact: Redactor = (text) => ({
  text: text.replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, '[EMAIL]').replace(/\+?\d[\d ()-]{7,}\d/g, '[PHONE]'),
})

function provider(model: string, overrides: Partial<OpenAiProviderOptions> = {}) {
  return createOpenAiProvider({
    baseURL: `${openAiStandIn()}/v1`,
    apiKey: 'sk-stand-in',
    model,
    embeddingModel: model,
    tenantId: 'tenant-a',
    redact,
    budget: perCallTokenCap(100_000),
    retry: { baseDelayMs: 20, maxDelayMs: 3000 },
    ...overrides,
  })
}

const Mapping = z.object({
  entity: z.enum(['account', 'contact', 'opportunity']),
  confidence: z.number().min(0).max(1),
  fields: z.array(z.object({ source: z.string(), target: z.string() })),
})
const question = {
  name: 'entity_mapping',
  schema: Mapping,
  feature: 'mapping',
  messages: [
    { role: 'system' as const, content: 'Map the stream to a canonical entity.' },
    { role: 'user' as const, content: 'Fields: cust_email, full_name, company' },
  ],
}

describe('OpenAI provider through the SDK', () => {
  it('sends the schema as response_format json_schema and returns the parsed, validated answer with usage', async () => {
    const model = uniqueModel()
    const result = await provider(model).chat(question)
    expect(result.provider).toBe('openai')
    expect(Mapping.parse(result.value)).toEqual(result.value)
    expect(result.usage).toMatchObject({ provider: 'openai', model, attempts: 1, feature: 'mapping' })
    expect(result.usage.promptTokens).toBeGreaterThan(0)
    expect(result.usage.completionTokens).toBeGreaterThan(0)
    expect(result.usage.latencyMs).toBeGreaterThan(0)
    const [sent, ...more] = await received(model)
    expect(more).toEqual([])
    expect(sent).toMatchObject({ path: '/chat/completions', status: 200 })
    expect(sent?.body).toMatchObject({
      model,
      max_completion_tokens: 1024,
      response_format: {
        type: 'json_schema',
        json_schema: {
          name: 'entity_mapping',
          strict: true,
          schema: { type: 'object', additionalProperties: false, required: ['entity', 'confidence', 'fields'] },
        },
      },
    })
  })

  it('retries a 429 after the Retry-After it asks for, then succeeds', async () => {
    const model = uniqueModel()
    await control('fail-next', { status: 429, model, retry_after: 1 })
    const started = Date.now()
    const result = await provider(model).chat(question)
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000)
    expect(result.usage.attempts).toBe(2)
    expect(result.usage.latencyMs).toBeGreaterThanOrEqual(1000)
    expect((await received(model)).map((r) => r.status)).toEqual([429, 200])
  })

  it('backs off exponentially on 5xx without Retry-After', async () => {
    const model = uniqueModel()
    await control('fail-next', { status: 503, model, count: 2 })
    const waits: number[] = []
    const llm = provider(model, {
      sleep: (ms) => {
        waits.push(ms)
        return new Promise((resolve) => setTimeout(resolve, ms))
      },
    })
    expect((await llm.chat(question)).usage.attempts).toBe(3)
    expect(waits).toHaveLength(2)
    expect(waits[0]).toBeGreaterThanOrEqual(10)
    expect(waits[0]).toBeLessThanOrEqual(20)
    expect(waits[1]).toBeGreaterThanOrEqual(20)
    expect(waits[1]).toBeLessThanOrEqual(40)
    expect((await received(model)).map((r) => r.status)).toEqual([503, 503, 200])
  })

  it('gives up after the last retry on 500 with a clear upstream_error', async () => {
    const model = uniqueModel()
    await control('fail-next', { status: 500, model, count: 3 })
    const error = await llmFailure(provider(model, { retry: { maxRetries: 2, baseDelayMs: 10 } }).chat(question))
    expect(error.code).toBe('upstream_error')
    expect(error.details.status).toBe(500)
    expect(error.details.usage).toMatchObject({ provider: 'openai', model, attempts: 3 })
    expect(error.message).toContain('answered 500')
    expect(error.message).toContain('after 3 attempts')
    expect(error.message).not.toContain('sk-stand-in')
    expect((await received(model)).map((r) => r.status)).toEqual([500, 500, 500])
  })

  it('does not retry a 400', async () => {
    const model = uniqueModel()
    await control('fail-next', { status: 400, model })
    const error = await llmFailure(provider(model).chat(question))
    expect(error.code).toBe('rejected')
    expect(error.details.status).toBe(400)
    expect(error.details.usage?.attempts).toBe(1)
    expect((await received(model)).map((r) => r.status)).toEqual([400])
  })

  it('stops at once when Retry-After is longer than it waits, saying how long', async () => {
    const model = uniqueModel()
    await control('fail-next', { status: 429, model, retry_after: 120 })
    const error = await llmFailure(provider(model).chat(question))
    expect(error.code).toBe('rate_limited')
    expect(error.details).toMatchObject({ status: 429, retryAfterMs: 120_000 })
    expect(error.message).toContain('retry after 120 s')
    expect(await received(model)).toHaveLength(1)
  })

  it('reports an answer that does not fit the schema as invalid_output, with the paths', async () => {
    const model = uniqueModel()
    const llm = provider(model)
    await control('answer-next', { model, content: '{"entity":"planet","confidence":0.4,"fields":[]}' })
    const wrong = await llmFailure(llm.chat(question))
    expect(wrong.code).toBe('invalid_output')
    expect(wrong.details.issues?.[0]).toMatch(/^entity:/)
    expect(wrong.details.usage?.completionTokens).toBeGreaterThan(0)
    await control('answer-next', { model, content: 'Sure! Here is the mapping:' })
    const prose = await llmFailure(llm.chat(question))
    expect(prose.code).toBe('invalid_output')
    expect(prose.message).toContain('not JSON')
    const cut = await llmFailure(llm.chat({ ...question, maxTokens: 3 }))
    expect(cut.code).toBe('invalid_output')
    expect(cut.message).toContain('cut off at 3 tokens')
  })

  it('embeds texts: one vector per text, in order, floats on the wire, with usage', async () => {
    const model = uniqueModel()
    const texts = ['customer email', 'billing address', 'close date']
    const result = await provider(model).embed(texts)
    expect(result.provider).toBe('openai')
    expect(result.vectors).toHaveLength(3)
    expect(result.dimensions).toBe(1536)
    for (const vector of result.vectors) {
      expect(vector).toHaveLength(1536)
      expect(vector.every(Number.isFinite)).toBe(true)
    }
    expect(result.vectors[0]).not.toEqual(result.vectors[1])
    expect(result.usage).toMatchObject({ model, attempts: 1, completionTokens: 0 })
    expect(result.usage.promptTokens).toBeGreaterThan(0)
    const [sent] = await received(model)
    expect(sent?.body).toMatchObject({ model, input: texts, encoding_format: 'float' })
  })

  it('sends no raw email or phone number: every message and every text to embed is redacted first', async () => {
    const model = uniqueModel()
    const llm = provider(model)
    const samples = 'Sample rows: ada.lovelace@example.com, +1 (415) 555-0134; grace@navy.mil, 020 7946 0958'
    await llm.chat({
      ...question,
      messages: [
        { role: 'system', content: 'Contact the owner at owner@autonomos.example if unsure.' },
        { role: 'user', content: samples },
        { role: 'assistant', content: 'Noted ada.lovelace@example.com.' },
        { role: 'user', content: 'Answer now.' },
      ],
    })
    await llm.embed([samples, 'call +44 20 7946 0958'])
    const log = JSON.stringify(await received(model))
    expect(await received(model)).toHaveLength(2)
    for (const raw of [
      'ada.lovelace@example.com',
      'grace@navy.mil',
      'owner@autonomos.example',
      '555-0134',
      '7946 0958',
      '@',
    ])
      expect(log).not.toContain(raw)
    expect(log).toContain('[EMAIL]')
    expect(log).toContain('[PHONE]')
  })

  it('refuses over budget before sending anything', async () => {
    const model = uniqueModel()
    const error = await llmFailure(provider(model, { budget: perCallTokenCap(100) }).chat(question))
    expect(error.code).toBe('budget_exceeded')
    expect(error.details.usage?.attempts).toBe(0)
    expect(await received(model)).toEqual([])
  })

  it('times an attempt out and does not retry it', async () => {
    const model = uniqueModel()
    await control('delay-next', { model, ms: 1500 })
    const started = Date.now()
    const error = await llmFailure(provider(model, { timeoutMs: 300 }).chat(question))
    expect(error.code).toBe('timeout')
    expect(error.message).toContain('within 300 ms')
    expect(error.details.usage?.attempts).toBe(1)
    expect(Date.now() - started).toBeLessThan(1500)
  })

  it('reports a server that does not answer as unreachable, after retrying', async () => {
    const error = await llmFailure(
      provider(uniqueModel(), { baseURL: 'http://127.0.0.1:9/v1', retry: { maxRetries: 1, baseDelayMs: 10 } }).chat(
        question,
      ),
    )
    expect(error.code).toBe('unreachable')
    expect(error.details.usage?.attempts).toBe(2)
  })
})

describe('the configured provider', () => {
  it('is offline in the test stack (no LLM_PROVIDER), and is the SDK path when configured for the stand-in', async () => {
    const offline = createLlmProvider(parseConfig(env), { tenantId: 'tenant-a', redact })
    expect(offline.name).toBe('offline')
    expect((await offline.chat(question)).provider).toBe('offline')
    const model = uniqueModel()
    const config = {
      ...parseConfig(env),
      LLM_PROVIDER: 'openai' as const,
      LLM_BASE_URL: `${openAiStandIn()}/v1`,
      LLM_API_KEY: 'sk-stand-in',
      LLM_MODEL: model,
    }
    const openai = createLlmProvider(config, { tenantId: 'tenant-a', redact })
    expect((await openai.chat(question)).provider).toBe('openai')
    expect(await received(model)).toHaveLength(1)
  })
})
