import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { createFakeOpenAi, type OpenAiLoggedRequest } from '../../../dev/vendors/openai.ts'
import { serveRoutes } from '../../../dev/vendors/vendor-routes.ts'
import { freePort } from '../../../scripts/lib/free-port.ts'

const KEY = 'sk-unit'
let server: Awaited<ReturnType<typeof serveRoutes>>

beforeAll(async () => {
  server = await serveRoutes(await freePort(), [createFakeOpenAi({ apiKey: KEY })])
})
afterAll(() => server.stop())

async function post(path: string, body: unknown, key: string | null = KEY) {
  const res = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key === null ? {} : { authorization: `Bearer ${key}` }) },
    body: JSON.stringify(body),
  })
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> }
}
const model = () => `m-${crypto.randomUUID().slice(0, 8)}`
const chat = (m: string, extra: Record<string, unknown> = {}) =>
  post('/openai/v1/chat/completions', { model: m, messages: [{ role: 'user', content: 'hello there' }], ...extra })
async function log(m: string) {
  const res = await fetch(`${server.url}/openai/requests?model=${m}`)
  return ((await res.json()) as { data: OpenAiLoggedRequest[] }).data
}
const content = (body: Record<string, unknown>) =>
  (body.choices as { message: { content: string }; finish_reason: string }[])[0]

describe('OpenAI stand-in: chat completions', () => {
  it('answers json_schema requests with an object that satisfies the schema, deterministically, with usage', async () => {
    const schemas = [
      z.object({ entity: z.enum(['account', 'contact']), confidence: z.number().min(0).max(1) }),
      z.object({
        items: z.array(z.object({ id: z.uuid(), n: z.int().min(5).max(7) })).min(2),
        note: z.string().nullable(),
      }),
      z.object({ tag: z.literal('x'), ok: z.boolean(), name: z.string().min(10).max(12) }),
    ]
    const m = model()
    for (const schema of schemas) {
      const response_format = { type: 'json_schema', json_schema: { name: 't', schema: z.toJSONSchema(schema) } }
      const first = await chat(m, { response_format })
      expect(first.status).toBe(200)
      const answer = JSON.parse(content(first.body)?.message.content ?? '')
      expect(schema.safeParse(answer).error).toBeUndefined()
      expect(content((await chat(m, { response_format })).body)?.message.content).toBe(JSON.stringify(answer))
      expect(first.body.usage).toMatchObject({
        prompt_tokens: expect.any(Number),
        completion_tokens: expect.any(Number),
      })
    }
  })

  it('cuts an answer longer than max_completion_tokens, with finish_reason length', async () => {
    const res = await chat(model(), { max_completion_tokens: 2 })
    expect(content(res.body)?.finish_reason).toBe('length')
    expect(res.body.usage).toMatchObject({ completion_tokens: 2 })
  })

  it('refuses a missing key, a wrong key and a request without messages, as OpenAI does', async () => {
    const none = await post(
      '/openai/v1/chat/completions',
      { model: 'm', messages: [{ role: 'user', content: 'x' }] },
      null,
    )
    expect(none.status).toBe(401)
    const wrong = await post('/openai/v1/chat/completions', { model: 'm', messages: [] }, 'sk-other')
    expect(wrong).toMatchObject({ status: 401, body: { error: { code: 'invalid_api_key' } } })
    const empty = await post('/openai/v1/chat/completions', { model: 'm', messages: [] })
    expect(empty).toMatchObject({ status: 400, body: { error: { type: 'invalid_request_error', param: 'messages' } } })
  })

  it('fails the next requests on demand (per model, with Retry-After), and logs every request without its key', async () => {
    const m = model()
    expect((await post('/openai/fail-next', { status: 429, count: 2, model: m, retry_after: 3 })).status).toBe(200)
    const first = await chat(m)
    expect(first.status).toBe(429)
    expect(first.headers.get('retry-after')).toBe('3')
    expect(first.body).toMatchObject({ error: { code: 'rate_limit_exceeded' } })
    expect((await chat(model())).status).toBe(200)
    expect((await chat(m)).status).toBe(429)
    expect((await chat(m)).status).toBe(200)
    const seen = await log(m)
    expect(seen.map((r) => r.status)).toEqual([429, 429, 200])
    expect(seen[0]).toMatchObject({
      path: '/chat/completions',
      model: m,
      body: { messages: [{ content: 'hello there' }] },
    })
    expect(JSON.stringify(seen)).not.toContain(KEY)
    expect((await post('/openai/fail-next', { status: 302 })).status).toBe(400)
  })

  it('answers the queued content verbatim', async () => {
    const m = model()
    await post('/openai/answer-next', { model: m, content: 'not json' })
    expect(content((await chat(m)).body)?.message.content).toBe('not json')
  })
})

describe('OpenAI stand-in: embeddings', () => {
  it('answers one unit vector per input, as floats or base64 of the same float32s', async () => {
    const m = model()
    const floats = await post('/openai/v1/embeddings', { model: m, input: ['a', 'b'], dimensions: 8 })
    const data = floats.body.data as { index: number; embedding: number[] }[]
    expect(data.map((d) => d.index)).toEqual([0, 1])
    expect(data[0]?.embedding).toHaveLength(8)
    expect(Math.hypot(...(data[0]?.embedding ?? []))).toBeCloseTo(1, 5)
    const b64 = await post('/openai/v1/embeddings', { model: m, input: 'a', dimensions: 8, encoding_format: 'base64' })
    const encoded = (b64.body.data as { embedding: string }[])[0]?.embedding ?? ''
    const decoded = Array.from(new Float32Array(new Uint8Array(Buffer.from(encoded, 'base64')).buffer))
    for (const [i, x] of decoded.entries()) expect(x).toBeCloseTo(data[0]?.embedding[i] ?? Number.NaN, 5)
    expect(floats.body.usage).toMatchObject({ prompt_tokens: 2, total_tokens: 2 })
    expect((await post('/openai/v1/embeddings', { model: m, input: '' })).status).toBe(400)
  })
})
