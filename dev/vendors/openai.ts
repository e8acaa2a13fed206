import { createHash, randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { seededRandom } from '../../workers/core/dcl/resolution/random.ts'

/** A request as the stand-in received it, for tests to read (`GET /openai/requests`); never the key. */
export interface OpenAiLoggedRequest {
  id: string
  method: string
  /** Under the API root, e.g. `/chat/completions`. */
  path: string
  model: string | null
  /** The JSON body as sent (or the raw text when it was not JSON). */
  body: unknown
  /** What the stand-in answered. */
  status: number
  received_at: string
}

type Json = { [key: string]: unknown }
type Reply = {
  status: number
  body: unknown
  headers?: Record<string, string>
  /** Streamed (`stream: true`): the SSE `data:` payloads, `[DONE]` last unless the stream breaks off. */
  events?: string[]
}
type Failure = {
  status: number
  model?: string
  endpoint?: Endpoint
  retryAfter?: number
  remaining: number
  /** A streamed chat answers 200, sends part of the answer, then an error event and no `[DONE]`. */
  midStream?: boolean
}
type Endpoint = 'chat' | 'embeddings'

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)

function parseObject(body: string): Json | undefined {
  try {
    const value: unknown = JSON.parse(body)
    return isObject(value) ? value : undefined
  } catch {
    return undefined
  }
}

const apiError = (
  status: number,
  message: string,
  type: string,
  code: string | null = null,
  param: string | null = null,
): Reply => ({
  status,
  body: { error: { message, type, param, code } },
})
const invalid = (message: string, param: string | null = null) =>
  apiError(400, message, 'invalid_request_error', null, param)

/** Failures as OpenAI words them. */
function injected(failure: Failure): Reply {
  const headers: Record<string, string> =
    failure.retryAfter === undefined ? {} : { 'retry-after': String(failure.retryAfter) }
  const reply =
    failure.status === 429
      ? apiError(
          429,
          'Rate limit reached for requests (stand-in). Please try again later.',
          'requests',
          'rate_limit_exceeded',
        )
      : failure.status >= 500
        ? apiError(
            failure.status,
            'The server had an error while processing your request. Sorry about that!',
            'server_error',
          )
        : apiError(failure.status, 'Injected failure (stand-in).', 'invalid_request_error', 'injected')
  return { ...reply, headers }
}

/** 32-bit seed from text for the seeded generator: the same request gives the same answer. */
const seedOf = (text: string) => createHash('sha256').update(text).digest().readUInt32LE(0)

const FORMATS: Record<string, string> = {
  email: 'someone@example.com',
  'date-time': '2026-01-01T00:00:00Z',
  date: '2026-01-01',
  time: '00:00:00Z',
  uuid: '00000000-0000-4000-8000-000000000000',
  uri: 'https://example.com/',
  ipv4: '192.0.2.1',
}

/**
 * A value satisfying a JSON schema (the subset structured outputs use: objects, arrays, strings with
 * length and format, numbers with bounds, enum, const, anyOf, $ref into $defs), chosen by `random`.
 */
function fromSchema(root: Json, random: () => number) {
  const resolve = (ref: string): Json => {
    const match = /^#\/(\$defs|definitions)\/(.+)$/.exec(ref)
    const defs = match ? root[match[1] as string] : undefined
    const target = ref === '#' ? root : isObject(defs) ? defs[match?.[2] as string] : undefined
    return isObject(target) ? target : {}
  }
  const value = (node: Json, name: string, depth: number): unknown => {
    if (depth > 16) return null
    if (typeof node.$ref === 'string') return value(resolve(node.$ref), name, depth + 1)
    if ('const' in node) return node.const
    if (Array.isArray(node.enum) && node.enum.length > 0) return node.enum[Math.floor(random() * node.enum.length)]
    const branches = Array.isArray(node.anyOf) ? node.anyOf : Array.isArray(node.oneOf) ? node.oneOf : undefined
    if (branches) {
      const real = branches.filter((b): b is Json => isObject(b) && b.type !== 'null')
      return real[0] ? value(real[0], name, depth + 1) : null
    }
    const types = Array.isArray(node.type) ? node.type : [node.type]
    const type = types.find((t) => t !== 'null') ?? (isObject(node.properties) ? 'object' : undefined)
    const num = (key: string) => (typeof node[key] === 'number' ? (node[key] as number) : undefined)
    switch (type) {
      case 'string': {
        if (typeof node.format === 'string' && FORMATS[node.format]) return FORMATS[node.format]
        const text = `${name}-${Math.floor(random() * 0xffff).toString(16)}`
        const min = num('minLength') ?? 0
        return text.slice(0, num('maxLength') ?? text.length).padEnd(min, 'x')
      }
      case 'integer':
      case 'number': {
        const low =
          num('minimum') ?? (num('exclusiveMinimum') !== undefined ? (num('exclusiveMinimum') as number) + 1 : 0)
        const high =
          num('maximum') ??
          (num('exclusiveMaximum') !== undefined ? (num('exclusiveMaximum') as number) - 1 : low + 100)
        const span = Math.min(high - low, 1000)
        const x = low + random() * span
        return type === 'integer' ? (Math.ceil(x) > high ? Math.floor(x) : Math.ceil(x)) : Math.round(x * 1000) / 1000
      }
      case 'boolean':
        return random() < 0.5
      case 'array': {
        const count = Math.max(num('minItems') ?? 0, Math.min(1, num('maxItems') ?? 1))
        return Array.from({ length: count }, () => value(isObject(node.items) ? node.items : {}, name, depth + 1))
      }
      case 'object': {
        const properties = isObject(node.properties) ? node.properties : {}
        return Object.fromEntries(
          Object.entries(properties).map(([key, child]) => [key, value(isObject(child) ? child : {}, key, depth + 1)]),
        )
      }
      case 'null':
        return null
      default:
        return null
    }
  }
  return value(root, 'value', 0)
}

/** Text of a message's content: a string, or the text parts of a list. */
function contentText(content: unknown): string | undefined {
  if (typeof content === 'string') return content
  if (!Array.isArray(content)) return undefined
  return content.map((part) => (isObject(part) && typeof part.text === 'string' ? part.text : '')).join('')
}

const tokens = (text: string) => Math.ceil(text.length / 4)

/** A deterministic unit vector for a text; unlike a model's, similar texts are not near each other. */
function vectorFor(text: string, dimensions: number): number[] {
  const random = seededRandom(seedOf(text))
  const raw = Array.from({ length: dimensions }, () => random() * 2 - 1)
  const norm = Math.sqrt(raw.reduce((sum, x) => sum + x * x, 0)) || 1
  return raw.map((x) => x / norm)
}

const DIMENSIONS: Record<string, number> = { 'text-embedding-3-large': 3072 }

/**
 * A stand-in for the OpenAI API's chat completions and embeddings, for tests, the bench and
 * `LLM_PROVIDER=openai npm start` (the SDK path with no account). Under `/openai`:
 * - `POST /openai/v1/chat/completions`: `response_format: {type: 'json_schema', json_schema: {name, schema}}`
 *   answers a JSON object satisfying the schema, built from it deterministically (seeded by the request);
 *   `json_object` answers `{}`; otherwise a short text. Usage counts are about four characters per token;
 *   an answer longer than `max_completion_tokens` (or `max_tokens`) is cut with `finish_reason: 'length'`.
 *   With `stream: true` the same answer comes as SSE `data: {chunk}` lines (`chat.completion.chunk`, a few
 *   characters each), a usage chunk when `stream_options: {include_usage: true}`, then `data: [DONE]`.
 * - `POST /openai/v1/embeddings`: `input` a string or a list of them; a deterministic unit vector per input
 *   (1,536 numbers, 3,072 for `text-embedding-3-large`, or `dimensions`), as floats or `encoding_format: base64`.
 * - `Authorization: Bearer KEY` is required; with `apiKey` only that key is accepted.
 * - `POST /openai/fail-next {status?, count?, model?, endpoint?, retry_after?}`: the next `count` (default 1)
 *   requests (for that model / `chat` or `embeddings`, if given) answer `status` (default 500) in OpenAI's
 *   error shape, with `Retry-After: retry_after` seconds when given. With `mid_stream: true` a streamed chat
 *   instead answers 200, sends half its content, then `data: {error}` and no `[DONE]` (a non-streamed
 *   request answers `status` as usual).
 * - `POST /openai/delay-next {ms, model?}`: the next request (for that model) is answered `ms` later (to test
 *   a client's timeout).
 * - `POST /openai/answer-next {content, model?}`: the next chat completion's message content, verbatim (to
 *   test what a client does with an answer that does not fit its schema).
 * - `GET /openai/requests?model=M`: every request received (oldest first, the last `limit`), its body and
 *   the status answered; `DELETE /openai/requests` forgets them.
 */
export function createFakeOpenAi(options: { apiKey?: string; limit?: number } = {}) {
  const limit = options.limit ?? 1000
  const log: OpenAiLoggedRequest[] = []
  const failures: Failure[] = []
  const answers: { content: string; model?: string }[] = []
  const delays: { ms: number; model?: string }[] = []

  function takeFailure(model: string | null, endpoint: Endpoint): Failure | undefined {
    const failure = failures.find(
      (f) => (f.model === undefined || f.model === model) && (f.endpoint === undefined || f.endpoint === endpoint),
    )
    if (!failure) return undefined
    failure.remaining--
    if (failure.remaining <= 0) failures.splice(failures.indexOf(failure), 1)
    return failure
  }

  function authorize(req: IncomingMessage): Reply | undefined {
    const auth = req.headers.authorization
    const key = auth ? /^Bearer (.+)$/.exec(auth)?.[1] : undefined
    if (!key)
      return apiError(
        401,
        "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
        'invalid_request_error',
      )
    if (options.apiKey !== undefined && key !== options.apiKey)
      return apiError(401, 'Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key')
    return undefined
  }

  function chat(body: Json): Reply {
    const model = body.model
    if (typeof model !== 'string' || model === '') return invalid('you must provide a model parameter', 'model')
    const messages = body.messages
    if (!Array.isArray(messages) || messages.length === 0)
      return invalid("'messages' must be a non-empty array", 'messages')
    const texts: string[] = []
    for (const [i, message] of messages.entries()) {
      const text = isObject(message) ? contentText(message.content) : undefined
      if (!isObject(message) || typeof message.role !== 'string' || text === undefined)
        return invalid(`Invalid value for 'messages[${i}]'.`, `messages[${i}]`)
      texts.push(text)
    }
    const failure = takeFailure(model, 'chat')
    if (failure && !(failure.midStream && body.stream === true)) return injected(failure)
    const format = isObject(body.response_format) ? body.response_format : undefined
    let content: string
    const queued = answers.findIndex((a) => a.model === undefined || a.model === model)
    if (queued >= 0) content = (answers.splice(queued, 1)[0] as { content: string }).content
    else if (format?.type === 'json_schema') {
      const spec = isObject(format.json_schema) ? format.json_schema : undefined
      if (!spec || typeof spec.name !== 'string' || !isObject(spec.schema))
        return invalid(
          "Missing required parameter: 'response_format.json_schema' with a name and a schema.",
          'response_format',
        )
      content = JSON.stringify(fromSchema(spec.schema, seededRandom(seedOf(JSON.stringify(messages)))))
    } else if (format?.type === 'json_object') content = '{}'
    else content = `Stand-in reply to ${messages.length} message(s), ${texts.join('').length} characters.`
    const cap =
      typeof body.max_completion_tokens === 'number'
        ? body.max_completion_tokens
        : typeof body.max_tokens === 'number'
          ? body.max_tokens
          : undefined
    let finish = 'stop'
    let completion = tokens(content)
    if (cap !== undefined && completion > cap) {
      content = content.slice(0, cap * 4)
      completion = cap
      finish = 'length'
    }
    const prompt = texts.reduce((sum, text) => sum + 4 + tokens(text), 0)
    const usage = { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion }
    if (body.stream === true) return streamed(model, content, finish, usage, body, failure)
    return {
      status: 200,
      body: {
        id: `chatcmpl-${randomUUID().replaceAll('-', '')}`,
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model,
        choices: [
          { index: 0, message: { role: 'assistant', content, refusal: null }, finish_reason: finish, logprobs: null },
        ],
        usage,
      },
    }
  }

  /**
   * A streamed completion as OpenAI sends one: `chat.completion.chunk`s (the role first, then the content a few
   * characters at a time, then the finish reason), a last chunk with no choices and the usage when
   * `stream_options.include_usage`, then `[DONE]`. A mid-stream failure sends half the content, then an error.
   */
  function streamed(model: string, content: string, finish: string, usage: Json, body: Json, failure?: Failure): Reply {
    const id = `chatcmpl-${randomUUID().replaceAll('-', '')}`
    const created = Math.floor(Date.now() / 1000)
    const chunk = (delta: Json, finishReason: string | null = null, extra: Json = {}) =>
      JSON.stringify({
        id,
        object: 'chat.completion.chunk',
        created,
        model,
        choices: [{ index: 0, delta, finish_reason: finishReason, logprobs: null }],
        ...extra,
      })
    const pieces = content.match(/[\s\S]{1,3}/g) ?? []
    const events = [chunk({ role: 'assistant', content: '', refusal: null })]
    if (failure) {
      for (const piece of pieces.slice(0, Math.ceil(pieces.length / 2))) events.push(chunk({ content: piece }))
      events.push(JSON.stringify(injected(failure).body))
      return { status: 200, body: null, events }
    }
    for (const piece of pieces) events.push(chunk({ content: piece }))
    events.push(chunk({}, finish))
    const options = isObject(body.stream_options) ? body.stream_options : {}
    if (options.include_usage === true)
      events.push(JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [], usage }))
    events.push('[DONE]')
    return { status: 200, body: null, events }
  }

  function embeddings(body: Json): Reply {
    const model = body.model
    if (typeof model !== 'string' || model === '') return invalid('you must provide a model parameter', 'model')
    const input = typeof body.input === 'string' ? [body.input] : body.input
    if (
      !Array.isArray(input) ||
      input.length === 0 ||
      input.length > 2048 ||
      !input.every((t) => typeof t === 'string' && t !== '')
    )
      return invalid("'$.input' is invalid: give a non-empty string or a list of 1 to 2048 of them.", 'input')
    const dimensions = body.dimensions === undefined ? (DIMENSIONS[model] ?? 1536) : body.dimensions
    if (typeof dimensions !== 'number' || !Number.isInteger(dimensions) || dimensions < 1 || dimensions > 3072)
      return invalid("Invalid value for 'dimensions'.", 'dimensions')
    const encoding = body.encoding_format ?? 'float'
    if (encoding !== 'float' && encoding !== 'base64')
      return invalid("Invalid value for 'encoding_format'.", 'encoding_format')
    const failure = takeFailure(model, 'embeddings')
    if (failure) return injected(failure)
    const prompt = (input as string[]).reduce((sum, text) => sum + tokens(text), 0)
    return {
      status: 200,
      body: {
        object: 'list',
        model,
        data: (input as string[]).map((text, index) => {
          const vector = vectorFor(text, dimensions)
          return {
            object: 'embedding',
            index,
            embedding: encoding === 'float' ? vector : Buffer.from(new Float32Array(vector).buffer).toString('base64'),
          }
        }),
        usage: { prompt_tokens: prompt, total_tokens: prompt },
      },
    }
  }

  function failNext(raw: string): Reply {
    const body = raw.trim() === '' ? {} : parseObject(raw)
    const status = body?.status ?? 500
    const count = body?.count ?? 1
    const retryAfter = body?.retry_after
    if (
      !body ||
      typeof status !== 'number' ||
      !Number.isInteger(status) ||
      status < 400 ||
      status > 599 ||
      typeof count !== 'number' ||
      !Number.isInteger(count) ||
      count < 1 ||
      (body.model !== undefined && typeof body.model !== 'string') ||
      (body.endpoint !== undefined && body.endpoint !== 'chat' && body.endpoint !== 'embeddings') ||
      (retryAfter !== undefined && (typeof retryAfter !== 'number' || retryAfter < 0)) ||
      (body.mid_stream !== undefined && typeof body.mid_stream !== 'boolean')
    )
      return {
        status: 400,
        body: {
          error:
            'expected {status?: 4xx | 5xx, count?: n ≥ 1, model?, endpoint?: chat | embeddings, retry_after?: s, mid_stream?: boolean}',
        },
      }
    failures.push({
      status,
      remaining: count,
      ...(typeof body.model === 'string' ? { model: body.model } : {}),
      ...(body.endpoint === 'chat' || body.endpoint === 'embeddings' ? { endpoint: body.endpoint } : {}),
      ...(typeof retryAfter === 'number' ? { retryAfter } : {}),
      ...(body.mid_stream === true ? { midStream: true } : {}),
    })
    return { status: 200, body: { pending: failures.reduce((sum, f) => sum + f.remaining, 0) } }
  }

  function answerNext(raw: string): Reply {
    const body = parseObject(raw)
    if (!body || typeof body.content !== 'string' || (body.model !== undefined && typeof body.model !== 'string'))
      return { status: 400, body: { error: 'expected {content: string, model?: string}' } }
    answers.push({ content: body.content, ...(typeof body.model === 'string' ? { model: body.model } : {}) })
    return { status: 200, body: { pending: answers.length } }
  }

  function delayNext(raw: string): Reply {
    const body = parseObject(raw)
    if (
      !body ||
      typeof body.ms !== 'number' ||
      body.ms < 0 ||
      body.ms > 60_000 ||
      (body.model !== undefined && typeof body.model !== 'string')
    )
      return { status: 400, body: { error: 'expected {ms: 0..60000, model?: string}' } }
    delays.push({ ms: body.ms, ...(typeof body.model === 'string' ? { model: body.model } : {}) })
    return { status: 200, body: { pending: delays.length } }
  }

  /** Waits as long as the first pending delay for this model asks, if any. */
  async function delayFor(model: unknown) {
    const index = delays.findIndex((d) => d.model === undefined || d.model === model)
    const delay = index < 0 ? undefined : delays.splice(index, 1)[0]
    if (delay) await new Promise((resolve) => setTimeout(resolve, delay.ms))
  }

  return async function fakeOpenAi(req: IncomingMessage, res: ServerResponse, raw: string): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://stand-in')
    if (!url.pathname.startsWith('/openai/')) return false
    const send = (reply: Reply) =>
      reply.events
        ? res
            .writeHead(reply.status, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' })
            .end(reply.events.map((data) => `data: ${data}\n\n`).join(''))
        : res
            .writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers })
            .end(JSON.stringify(reply.body))
    const api = url.pathname.startsWith('/openai/v1/') ? url.pathname.slice('/openai/v1'.length) : undefined
    if (api !== undefined) {
      const body = parseObject(raw)
      let reply: Reply
      if (req.method !== 'POST') reply = apiError(405, `Method ${req.method} not allowed.`, 'invalid_request_error')
      else
        reply =
          authorize(req) ??
          (!body
            ? invalid('We could not parse the JSON body of your request.')
            : api === '/chat/completions'
              ? chat(body)
              : api === '/embeddings'
                ? embeddings(body)
                : apiError(404, `Invalid URL (POST /v1${api})`, 'invalid_request_error'))
      await delayFor(body?.model)
      log.push({
        id: randomUUID(),
        method: req.method ?? 'GET',
        path: api,
        model: typeof body?.model === 'string' ? body.model : null,
        body: body ?? raw,
        status: reply.status,
        received_at: new Date().toISOString(),
      })
      if (log.length > limit) log.splice(0, log.length - limit)
      send(reply)
      return true
    }
    switch (`${req.method} ${url.pathname}`) {
      case 'POST /openai/fail-next':
        send(failNext(raw))
        return true
      case 'POST /openai/delay-next':
        send(delayNext(raw))
        return true
      case 'POST /openai/answer-next':
        send(answerNext(raw))
        return true
      case 'GET /openai/requests': {
        const model = url.searchParams.get('model')
        send({ status: 200, body: { data: log.filter((r) => model === null || r.model === model) } })
        return true
      }
      case 'DELETE /openai/requests':
        log.length = 0
        send({ status: 200, body: { data: [] } })
        return true
      default:
        send({ status: 404, body: { error: 'not found' } })
        return true
    }
  }
}
