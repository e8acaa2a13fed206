import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { perCallTokenCap } from '../../../workers/core/llm/budget.ts'
import {
  cosineSimilarity,
  ngramEmbedding,
  normaliseText,
  OFFLINE_EMBEDDING_DIMENSIONS,
} from '../../../workers/core/llm/ngram-embedding.ts'
import { offlineAnswer } from '../../../workers/core/llm/offline-answer.ts'
import { LlmError } from '../../../workers/core/llm/port.ts'
import { parseAnswer, responseJsonSchema } from '../../../workers/core/llm/response-schema.ts'
import { backoffMs, decideRetry, retryAfterMs } from '../../../workers/core/llm/retry-policy.ts'

const sim = (a: string, b: string) => cosineSimilarity(ngramEmbedding(a), ngramEmbedding(b))
const norm = (v: number[]) => Math.sqrt(v.reduce((s, x) => s + x * x, 0))
const headers = (values: Record<string, string>) => new Headers(values)

describe('ngramEmbedding', () => {
  it('is deterministic, of fixed dimension and unit length', () => {
    const a = ngramEmbedding('Customer e-mail address')
    expect(a).toEqual(ngramEmbedding('Customer e-mail address'))
    expect(a).toHaveLength(OFFLINE_EMBEDDING_DIMENSIONS)
    expect(norm(a)).toBeCloseTo(1, 10)
    expect(ngramEmbedding('x', 64)).toHaveLength(64)
  })

  it('gives the zero vector to a text without letters or digits', () => {
    expect(norm(ngramEmbedding(' -- ... '))).toBe(0)
    expect(sim('', 'anything')).toBe(0)
  })

  it('normalises case, accents, camelCase and separators', () => {
    expect(normaliseText('BillingAddress_Line2')).toBe('billing address line2')
    expect(normaliseText('HTTPStatus')).toBe('http status')
    expect(normaliseText('Adresse Électronique')).toBe('adresse electronique')
    expect(sim('billingAddress', 'BILLING_ADDRESS')).toBeCloseTo(1, 10)
  })

  it('puts texts that share spelling nearer than texts that do not', () => {
    expect(sim('customer email', 'cust_email')).toBeGreaterThan(sim('customer email', 'created at'))
    expect(sim('billing address', 'billing_address_line_1')).toBeGreaterThan(sim('billing address', 'shipping date'))
    expect(sim('phone number', 'phone_no')).toBeGreaterThan(sim('phone number', 'account name'))
    const query = 'close date'
    const ranked = ['closed_date', 'CloseDate', 'owner id', 'amount'].sort((a, b) => sim(query, b) - sim(query, a))
    expect(ranked.slice(0, 2).sort()).toEqual(['CloseDate', 'closed_date'])
  })
})

describe('responseJsonSchema', () => {
  it("is zod's JSON schema, closed, without $schema, strict when every property is required", () => {
    const format = responseJsonSchema(
      'mapping',
      z.object({ target: z.enum(['a', 'b']).nullable(), items: z.array(z.object({ n: z.int() })) }),
    )
    expect(format.strict).toBe(true)
    expect(format.schema.$schema).toBeUndefined()
    expect(format.schema).toMatchObject({ type: 'object', additionalProperties: false, required: ['target', 'items'] })
    expect(format.schema).toMatchObject({ properties: { items: { items: { additionalProperties: false } } } })
  })

  it('is not strict with an optional field or a record', () => {
    expect(responseJsonSchema('x', z.object({ a: z.string().optional() })).strict).toBe(false)
    expect(responseJsonSchema('x', z.object({ a: z.record(z.string(), z.number()) })).strict).toBe(false)
  })

  it('refuses a bad name or a schema with no JSON form, as a typed error', () => {
    const code = (fn: () => unknown) => {
      try {
        fn()
      } catch (error) {
        return error instanceof LlmError ? error.code : 'other'
      }
      return 'none'
    }
    expect(code(() => responseJsonSchema('has space', z.object({})))).toBe('schema_unsupported')
    expect(code(() => responseJsonSchema('dated', z.object({ at: z.date() })))).toBe('schema_unsupported')
  })
})

describe('parseAnswer', () => {
  const schema = z.object({ entity: z.enum(['account', 'contact']), confidence: z.number().min(0).max(1) })

  it('returns the parsed value', () => {
    expect(parseAnswer('{"entity":"account","confidence":0.9}', schema)).toEqual({
      ok: true,
      value: { entity: 'account', confidence: 0.9 },
    })
  })

  it('says why an answer is not the value: empty, not JSON, or which paths do not match', () => {
    expect(parseAnswer('', schema)).toMatchObject({ ok: false, reason: 'the answer was empty' })
    expect(parseAnswer('{"entity":', schema)).toMatchObject({ ok: false, reason: 'the answer is not JSON' })
    const wrong = parseAnswer('{"entity":"planet","confidence":2}', schema)
    expect(wrong.ok).toBe(false)
    if (wrong.ok) return
    expect(wrong.reason).toContain('2 issues')
    expect(wrong.issues?.map((i) => i.split(':')[0])).toEqual(['entity', 'confidence'])
  })
})

describe('retry policy', () => {
  const policy = { maxRetries: 3, baseDelayMs: 100, maxDelayMs: 5000 }

  it('reads retry-after-ms, Retry-After seconds and an HTTP date', () => {
    expect(retryAfterMs(headers({ 'retry-after-ms': '250' }))).toBe(250)
    expect(retryAfterMs(headers({ 'retry-after': '2' }))).toBe(2000)
    const now = Date.parse('2026-01-01T00:00:00Z')
    expect(retryAfterMs(headers({ 'retry-after': 'Thu, 01 Jan 2026 00:00:03 GMT' }), now)).toBe(3000)
    expect(retryAfterMs(headers({ 'retry-after': 'soon' }))).toBeUndefined()
    expect(retryAfterMs(undefined)).toBeUndefined()
  })

  it('backs off exponentially within [d/2, d], capped', () => {
    expect([1, 2, 3].map((n) => backoffMs(n, policy, () => 1))).toEqual([100, 200, 400])
    expect([1, 2, 3].map((n) => backoffMs(n, policy, () => 0))).toEqual([50, 100, 200])
    expect(backoffMs(20, policy, () => 1)).toBe(5000)
  })

  it('retries 429, 5xx and no answer; never another 4xx; honours Retry-After up to the cap', () => {
    expect(decideRetry(429, 0, policy, undefined, () => 1)).toEqual({ retry: true, waitMs: 100 })
    expect(decideRetry(503, 1, policy, undefined, () => 1)).toEqual({ retry: true, waitMs: 200 })
    expect(decideRetry(undefined, 0, policy, undefined, () => 1)).toEqual({ retry: true, waitMs: 100 })
    for (const status of [400, 401, 403, 404, 408, 409, 422])
      expect(decideRetry(status, 0, policy, undefined)).toEqual({ retry: false })
    expect(decideRetry(429, 0, policy, 1500)).toEqual({ retry: true, waitMs: 1500 })
    expect(decideRetry(429, 0, policy, 60_000)).toEqual({ retry: false, retryAfterMs: 60_000 })
    expect(decideRetry(500, 3, policy, undefined)).toEqual({ retry: false })
  })
})

describe('perCallTokenCap', () => {
  it('refuses a call whose prompt estimate plus answer cap exceeds the cap, saying by how much', () => {
    const budget = perCallTokenCap(1000)
    const call = { tenantId: 't', kind: 'chat' as const, model: 'm', estimatedPromptTokens: 600 }
    expect(budget.check({ ...call, maxCompletionTokens: 400 })).toEqual({ ok: true })
    const refused = budget.check({ ...call, maxCompletionTokens: 401 })
    expect(refused).toMatchObject({ ok: false })
    expect(JSON.stringify(refused)).toContain('1001 tokens')
  })
})

describe('offlineAnswer', () => {
  const answer = (schema: z.ZodType, prompt: string) => {
    const format = responseJsonSchema('t', schema)
    const value = offlineAnswer(format.schema, [{ role: 'user', content: prompt }])
    return { value, parsed: schema.safeParse(value) }
  }

  it('picks the enum option that the prompt spells most alike, skipping the line that lists the options', () => {
    const schema = z.object({ target: z.enum(['account.name', 'contact.email', 'opportunity.close_date']) })
    const prompt = 'Choose one of: account.name, contact.email, opportunity.close_date\nSource field: cust_email'
    const { value, parsed } = answer(schema, prompt)
    expect(parsed.success).toBe(true)
    expect(value).toEqual({ target: 'contact.email' })
    expect(answer(schema, 'Source field: CloseDate').value).toEqual({ target: 'opportunity.close_date' })
  })

  it('answers null for a nullable enum when nothing is alike', () => {
    const schema = z.object({ target: z.enum(['contact.email', 'account.name']).nullable() })
    expect(answer(schema, 'Source field: zzqx').value).toEqual({ target: null })
  })

  it('fills every kind of field within its constraints, the same way every time', () => {
    const schema = z.object({
      reason: z.string().min(3).max(40),
      confidence: z.number().min(0).max(1),
      count: z.int().min(2).max(9),
      positive: z.number().positive(),
      ok: z.boolean(),
      tags: z.array(z.string()).min(2),
      email: z.email(),
      id: z.uuid(),
      kind: z.literal('mapping'),
      nested: z.object({ level: z.enum(['low', 'high']) }),
      maybe: z.string().nullable(),
    })
    const first = answer(schema, 'The reason is that the names match.\nSomething else entirely.')
    expect(first.parsed.error).toBeUndefined()
    expect(first.value).toEqual(answer(schema, 'The reason is that the names match.\nSomething else entirely.').value)
    expect(first.value).toMatchObject({ confidence: 0.5, count: 5, ok: false, kind: 'mapping' })
    expect((first.value as { tags: string[] }).tags).toHaveLength(2)
    expect((first.value as { reason: string }).reason).toBe('The reason is that the names match.')
  })

  it('follows $ref into $defs (a schema with a registered id)', () => {
    const Field = z.object({ name: z.string() }).meta({ id: 'Field' })
    const { parsed } = answer(z.object({ fields: z.array(Field).min(1), main: Field }), 'name: email')
    expect(parsed.success).toBe(true)
  })
})
