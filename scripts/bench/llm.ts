/**
 * `npm run bench -- llm`: (1) the offline provider: embedding throughput through the provider (redactor,
 * budget, usage) beside the bare n-gram function, and structured-chat latency; (2) the OpenAI SDK path
 * against the OpenAI stand-in (in this process, on loopback): chat and embeddings through the provider
 * (SDK, redaction, schema, validation, retry wiring) beside a bare fetch of the same request body, and a
 * 429-then-success call with a zero Retry-After (the retry machinery's own cost); (3) the LLM gateway
 * (services/llm/: the real PII redactor, the tenant budget read and the telemetry write through the Upstash
 * REST shim, in-process store or BENCH_REDIS_URL) beside the bare SDK provider, same stand-in, same prompt.
 * Prints JSON.
 */
import { z } from 'zod'
import { createFakeOpenAi } from '../../dev/vendors/openai.ts'
import { serveRoutes } from '../../dev/vendors/vendor-routes.ts'
import { createOfflineProvider } from '../../workers/adapters/llm/offline.ts'
import { createOpenAiProvider } from '../../workers/adapters/llm/openai.ts'
import { openRedis } from '../../workers/adapters/redis.ts'
import { perCallTokenCap } from '../../workers/core/llm/budget.ts'
import { ngramEmbedding } from '../../workers/core/llm/ngram-embedding.ts'
import type { Redactor } from '../../workers/core/llm/port.ts'
import { responseJsonSchema } from '../../workers/core/llm/response-schema.ts'
import { createTenantLlm } from '../../workers/services/llm/create-tenant-llm.ts'
import type { LlmGatewayConfig } from '../../workers/services/llm/deps.ts'
import { freePort } from '../lib/free-port.ts'
import { startUpstashShim } from '../lib/upstash-shim.ts'
import { percentile, progress, round } from './lib/stats.ts'

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 300)
const TEXTS = Number(process.env.BENCH_TEXTS ?? 20_000)
const BATCH = 100

/** A stand-in for the PII redactor (core/nlp/redaction/), so its cost is in the provider's figures. */
const redact: Redactor = (text) => ({
  text: text.replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, '[EMAIL]').replace(/\+?\d[\d ()-]{7,}\d/g, '[PHONE]'),
})
const budget = perCallTokenCap(1_000_000)

const WORDS = ['customer', 'account', 'billing', 'shipping', 'address', 'email', 'phone', 'created', 'close', 'date']
/** Field names and short sample lines, 10 to 80 characters, the same every run. */
const corpus = Array.from({ length: TEXTS }, (_, i) => {
  const parts = Array.from({ length: 2 + (i % 7) }, (_, j) => WORDS[(i * 7 + j * 3) % WORDS.length])
  return i % 3 === 0 ? parts.join('_') : `${parts.join(' ')} ${i}`
})

const Mapping = z.object({
  entity: z.enum(['account', 'contact', 'opportunity']),
  confidence: z.number().min(0).max(1),
  fields: z.array(z.object({ source: z.string(), target: z.string() })),
})
const messages = [
  { role: 'system' as const, content: 'Map the stream to a canonical entity: account, contact or opportunity.' },
  {
    role: 'user' as const,
    content: 'Fields: cust_email, full_name, company, phone (e.g. ada@example.com, +1 415 555 0134)',
  },
]

async function time(rounds: number, fn: () => Promise<unknown>) {
  const samples: number[] = []
  for (let i = 0; i < rounds; i++) {
    const started = performance.now()
    await fn()
    samples.push(performance.now() - started)
  }
  return samples
}
const summary = (samples: number[]) => ({
  p50_ms: round(percentile(samples, 50), 3),
  p99_ms: round(percentile(samples, 99), 3),
})

async function offline() {
  const llm = createOfflineProvider({ tenantId: 'bench', redact, budget })
  progress(`offline: embedding ${TEXTS} texts through the provider and bare`)
  for (let i = 0; i < 2_000; i += BATCH) await llm.embed(corpus.slice(i, i + BATCH)) // warm-up
  let started = performance.now()
  for (let i = 0; i < corpus.length; i += BATCH) await llm.embed(corpus.slice(i, i + BATCH))
  const providerSeconds = (performance.now() - started) / 1000
  started = performance.now()
  for (const text of corpus) ngramEmbedding(text)
  const bareSeconds = (performance.now() - started) / 1000
  progress(`offline: ${ROUNDS} structured chats`)
  await time(20, () => llm.chat({ name: 'mapping', schema: Mapping, messages }))
  const chat = await time(ROUNDS, () => llm.chat({ name: 'mapping', schema: Mapping, messages }))
  return {
    embed: {
      texts: TEXTS,
      batch: BATCH,
      dimensions: 256,
      provider_texts_per_s: round(TEXTS / providerSeconds, 0),
      bare_ngram_texts_per_s: round(TEXTS / bareSeconds, 0),
    },
    chat: summary(chat),
  }
}

async function sdkPath() {
  const standIn = await serveRoutes(await freePort(), [createFakeOpenAi({ apiKey: 'sk-bench' })])
  try {
    const baseURL = `${standIn.url}/openai/v1`
    const llm = createOpenAiProvider({
      baseURL,
      apiKey: 'sk-bench',
      model: 'bench-model',
      embeddingModel: 'bench-embedding',
      tenantId: 'bench',
      redact,
      budget,
      retry: { baseDelayMs: 1 },
    })
    const format = responseJsonSchema('mapping', Mapping)
    const chatBody = JSON.stringify({
      model: 'bench-model',
      messages: messages.map((m) => ({ role: m.role, content: redact(m.content).text })),
      response_format: { type: 'json_schema', json_schema: format },
      max_completion_tokens: 1024,
    })
    const bare = (path: string, body: string) => async () => {
      const res = await fetch(`${baseURL}${path}`, {
        method: 'POST',
        headers: { authorization: 'Bearer sk-bench', 'content-type': 'application/json' },
        body,
      })
      const json = (await res.json()) as { choices?: { message: { content: string } }[] }
      if (!res.ok) throw new Error(`stand-in answered ${res.status}`)
      if (json.choices) JSON.parse(json.choices[0]?.message.content ?? '')
    }
    const chat = () => llm.chat({ name: 'mapping', schema: Mapping, messages })
    const texts = corpus.slice(0, 16)
    const embedBody = JSON.stringify({ model: 'bench-embedding', input: texts, encoding_format: 'float' })

    progress(`SDK path: ${ROUNDS} chats and embeddings (16 texts × 1,536) each way`)
    await time(30, bare('/chat/completions', chatBody))
    await time(30, chat)
    // Interleaved halves, so drift in the machine's load falls on both sides alike.
    const fetchChat: number[] = []
    const sdkChat: number[] = []
    const fetchEmbed: number[] = []
    const sdkEmbed: number[] = []
    for (let i = 0; i < 2; i++) {
      fetchChat.push(...(await time(ROUNDS / 2, bare('/chat/completions', chatBody))))
      sdkChat.push(...(await time(ROUNDS / 2, chat)))
      fetchEmbed.push(...(await time(ROUNDS / 4, bare('/embeddings', embedBody))))
      sdkEmbed.push(...(await time(ROUNDS / 4, () => llm.embed(texts))))
    }

    progress(`SDK path: ${ROUNDS / 2} calls answered 429 (Retry-After: 0) then 200`)
    const retried = await time(ROUNDS / 2, async () => {
      await fetch(`${standIn.url}/openai/fail-next`, {
        method: 'POST',
        body: JSON.stringify({ status: 429, model: 'bench-model', retry_after: 0 }),
      })
      const result = await chat()
      if (result.usage.attempts !== 2) throw new Error('expected one retry')
    })
    const p50 = (s: number[]) => percentile(s, 50)
    return {
      chat: {
        rounds: ROUNDS,
        bare_fetch: summary(fetchChat),
        sdk_provider: summary(sdkChat),
        overhead_p50_ms: round(p50(sdkChat) - p50(fetchChat), 3),
      },
      embed_16_texts: {
        rounds: ROUNDS / 2,
        bare_fetch: summary(fetchEmbed),
        sdk_provider: summary(sdkEmbed),
        overhead_p50_ms: round(p50(sdkEmbed) - p50(fetchEmbed), 3),
      },
      chat_429_then_200: {
        rounds: ROUNDS / 2,
        ...summary(retried),
        note: 'includes the control request that arms the 429 and both attempts',
      },
    }
  } finally {
    await standIn.stop()
  }
}

/** The gateway's own cost per call: redaction, budget read and telemetry write, over the bare SDK provider. */
async function gateway() {
  const standIn = await serveRoutes(await freePort(), [createFakeOpenAi({ apiKey: 'sk-bench' })])
  const redisUrl = process.env.BENCH_REDIS_URL
  const upstash = await startUpstashShim({ port: await freePort(), token: 'bench', ...(redisUrl ? { redisUrl } : {}) })
  try {
    const config: LlmGatewayConfig = {
      LLM_PROVIDER: 'openai',
      LLM_BASE_URL: `${standIn.url}/openai/v1`,
      LLM_API_KEY: 'sk-bench',
      LLM_MODEL: 'bench-model',
      LLM_EMBEDDING_MODEL: 'bench-embedding',
      LLM_TIMEOUT_MS: 30_000,
      LLM_MAX_RETRIES: 3,
      LLM_MAX_TOKENS_PER_CALL: 1_000_000,
      LLM_BUDGET_TOKENS: 1_000_000_000,
      LLM_BUDGET_PERIOD: 'day',
    }
    const deps = { config, redis: openRedis(upstash.url, 'bench'), log: () => {} }
    const bareProvider = createOpenAiProvider({
      baseURL: config.LLM_BASE_URL,
      apiKey: 'sk-bench',
      model: 'bench-model',
      embeddingModel: 'bench-embedding',
      tenantId: 'bench',
      redact: (text) => ({ text }),
      budget,
    })
    // A mapping prompt with PII in its samples, so the redactor has its usual work.
    const withSamples = [
      messages[0] as (typeof messages)[number],
      {
        role: 'user' as const,
        content: [
          '- first_name (string): Maria, Wei, Olusegun',
          '- last_name (string): Garcia, Zhang, Adeyemi',
          '- email (string): maria.garcia@example.com, wzhang@example.org',
          '- phone (string): +1 (415) 555-0134, 020 7946 0958',
          '- notes (string): Call back Mr. Okafor about the refund.',
        ].join('\n'),
      },
    ]
    const ask = { name: 'mapping', schema: Mapping, messages: withSamples }
    const viaGateway = () => createTenantLlm(deps, 'bench-tenant', 'bench.mapping').chat(ask)
    const bare = () => bareProvider.chat(ask)
    progress(`gateway: ${ROUNDS} chats through the gateway and the bare provider (${upstash.backend} Redis)`)
    await time(30, bare)
    await time(30, viaGateway)
    const bareSamples: number[] = []
    const gatewaySamples: number[] = []
    for (let i = 0; i < 2; i++) {
      bareSamples.push(...(await time(ROUNDS / 2, bare)))
      gatewaySamples.push(...(await time(ROUNDS / 2, viaGateway)))
    }
    return {
      redis: upstash.backend,
      rounds: ROUNDS,
      bare_provider: summary(bareSamples),
      gateway: summary(gatewaySamples),
      overhead_p50_ms: round(percentile(gatewaySamples, 50) - percentile(bareSamples, 50), 3),
    }
  } finally {
    await upstash.stop()
    await standIn.stop()
  }
}

const offlineFigures = await offline()
const sdkFigures = await sdkPath()
const gatewayFigures = await gateway()
console.log(
  JSON.stringify(
    {
      benchmark: 'llm',
      node: process.version,
      offline: offlineFigures,
      openai_sdk_vs_bare_fetch: sdkFigures,
      gateway_vs_bare_provider: gatewayFigures,
      note: 'stand-in and client share this process on loopback; figures compare the paths, not a real model',
    },
    null,
    2,
  ),
)
