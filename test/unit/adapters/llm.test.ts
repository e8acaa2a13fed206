import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { createLlmProvider } from '../../../workers/adapters/llm/index.ts'
import { createOfflineProvider } from '../../../workers/adapters/llm/offline.ts'
import { perCallTokenCap } from '../../../workers/core/llm/budget.ts'
import { cosineSimilarity } from '../../../workers/core/llm/ngram-embedding.ts'
import type { Redactor } from '../../../workers/core/llm/port.ts'
import { ConfigSchema } from '../../../workers/env.ts'
import { llmFailure } from '../../support/llm-failure.ts'

/** A stand-in for the PII redactor (core/nlp/redaction/): emails and phone numbers to typed placeholders. */
const redact: Redactor = (text) => ({
  text: text.replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, '[EMAIL]').replace(/\+?\d[\d ()-]{7,}\d/g, '[PHONE]'),
})
const offline = (budget = perCallTokenCap(100_000)) => createOfflineProvider({ tenantId: 't1', redact, budget })

const Mapping = z.object({
  target: z.enum(['account.name', 'contact.email', 'contact.phone']).nullable(),
  confidence: z.number().min(0).max(1),
  evidence: z.string(),
})
const ask = (field: string) => ({
  name: 'mapping',
  schema: Mapping,
  feature: 'mapping',
  messages: [
    { role: 'system' as const, content: 'Map the source field to one of: account.name, contact.email, contact.phone' },
    { role: 'user' as const, content: `Source field: ${field}` },
  ],
})

describe('offline provider', () => {
  it('answers schema-valid, deterministically, and says no model was asked', async () => {
    const llm = offline()
    const first = await llm.chat(ask('customer_email'))
    expect(first.provider).toBe('offline')
    expect(first.usage).toMatchObject({
      provider: 'offline',
      model: 'offline-rules-v1',
      attempts: 1,
      feature: 'mapping',
    })
    expect(first.usage.promptTokens).toBeGreaterThan(0)
    expect(first.usage.completionTokens).toBeGreaterThan(0)
    expect(Mapping.parse(first.value)).toEqual(first.value)
    expect(first.value.target).toBe('contact.email')
    expect((await llm.chat(ask('customer_email'))).value).toEqual(first.value)
    expect((await llm.chat(ask('phone_number'))).value.target).toBe('contact.phone')
  })

  it('sees the prompt only through the redactor', async () => {
    const seen: string[] = []
    const llm = createOfflineProvider({
      tenantId: 't1',
      budget: perCallTokenCap(100_000),
      redact: (text) => {
        seen.push(text)
        return redact(text)
      },
    })
    const { value } = await llm.chat({
      name: 'sample',
      schema: z.object({ sample: z.string() }),
      messages: [
        { role: 'system', content: 'Describe the sample.' },
        { role: 'user', content: 'Sample: ada@example.com, +1 (415) 555-0134' },
      ],
    })
    expect(seen).toHaveLength(2)
    expect(value.sample).toContain('[EMAIL]')
    expect(JSON.stringify(value)).not.toContain('ada@example.com')
    await llm.embed(['call +1 (415) 555-0134'])
    expect(seen).toHaveLength(3)
  })

  it('embeds deterministically, one unit vector per text, similar spelling nearer', async () => {
    const llm = offline()
    const { vectors, dimensions, provider, usage } = await llm.embed(['customer email', 'cust_email', 'created at'])
    expect(provider).toBe('offline')
    expect(dimensions).toBe(256)
    expect(vectors).toHaveLength(3)
    expect(usage).toMatchObject({ model: 'offline-ngram-v1-256', completionTokens: 0, attempts: 1 })
    const [a, b, c] = vectors as [number[], number[], number[]]
    expect(cosineSimilarity(a, b)).toBeGreaterThan(cosineSimilarity(a, c))
    expect((await llm.embed(['customer email'])).vectors[0]).toEqual(a)
    expect(await llm.embed([])).toMatchObject({ vectors: [], usage: { attempts: 0 } })
  })

  it('embeds at the length asked, and for retrieval with the rarity-weighted model it names', async () => {
    const llm = offline()
    const plain = await llm.embed(['swept wing transition'], { dimensions: 512 })
    expect(plain).toMatchObject({ dimensions: 512, usage: { model: 'offline-ngram-v1-512' } })
    const retrieval = await llm.embed(['swept wing transition'], { dimensions: 512, task: 'retrieval' })
    expect(retrieval).toMatchObject({ dimensions: 512, usage: { model: 'offline-ngram-retrieval-v1-512' } })
    expect(retrieval.vectors[0]).toHaveLength(512)
    expect(retrieval.vectors[0]).not.toEqual(plain.vectors[0])
  })

  it('refuses over budget before doing anything, as budget_exceeded', async () => {
    const error = await llmFailure(offline(perCallTokenCap(50)).chat(ask('email')))
    expect(error.code).toBe('budget_exceeded')
    expect(error.message).toContain('50-token cap')
    expect(error.details.usage).toMatchObject({ attempts: 0, promptTokens: 0 })
  })

  it('fails clearly when its rules cannot satisfy the schema', async () => {
    const error = await llmFailure(
      offline().chat({ name: 'code', schema: z.object({ code: z.string().regex(/^[A-Z]{3}-\d{4}$/) }), messages: [] }),
    )
    expect(error.code).toBe('invalid_output')
    expect(error.message).toContain('offline provider')
    expect(error.details.issues?.[0]).toMatch(/^code:/)
  })
})

describe('LLM configuration', () => {
  const required = {
    DATABASE_URL: 'postgres://x',
    UPSTASH_REDIS_REST_URL: 'https://redis.example.com',
    UPSTASH_REDIS_REST_TOKEN: 't',
    JWT_PRIVATE_JWK: '{}',
    DATA_ENCRYPTION_KEY: btoa('k'.repeat(32)),
    EMAIL_API_KEY: 'e',
  }

  it('defaults to the offline provider, with no key', () => {
    const config = ConfigSchema.parse(required)
    expect(config).toMatchObject({ LLM_PROVIDER: 'offline', LLM_BASE_URL: 'https://api.openai.com/v1' })
    expect(createLlmProvider(config, { tenantId: 't', redact }).name).toBe('offline')
  })

  it('requires LLM_API_KEY for openai, naming it even beside other missing variables', () => {
    const missing = ConfigSchema.safeParse({ ...required, LLM_PROVIDER: 'openai' })
    expect(missing.error?.issues.map((i) => i.path.join('.'))).toEqual(['LLM_API_KEY'])
    const both = ConfigSchema.safeParse({ ...required, EMAIL_API_KEY: undefined, LLM_PROVIDER: 'openai' })
    expect(both.error?.issues.map((i) => i.path.join('.'))).toEqual(['EMAIL_API_KEY', 'LLM_API_KEY'])
    expect(ConfigSchema.safeParse({ ...required, LLM_PROVIDER: 'anthropic' }).success).toBe(false)
  })

  it('builds the openai provider from its variables, base URL without a trailing slash', () => {
    const config = ConfigSchema.parse({
      ...required,
      LLM_PROVIDER: 'openai',
      LLM_API_KEY: 'sk-test',
      LLM_BASE_URL: 'https://generativelanguage.googleapis.com/v1beta/openai/',
      LLM_MODEL: 'gemini-2.5-flash',
    })
    expect(config.LLM_BASE_URL).toBe('https://generativelanguage.googleapis.com/v1beta/openai')
    expect(createLlmProvider(config, { tenantId: 't', redact }).name).toBe('openai')
  })
})
