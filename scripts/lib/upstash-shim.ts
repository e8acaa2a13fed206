import { createHash, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage } from 'node:http'
import { Redis } from 'ioredis'
import RedisMock from 'ioredis-mock'

export interface RunningUpstash {
  url: string
  token: string
  backend: 'redis' | 'in-process'
  stop(): Promise<void>
}

type Reply = string | number | null | Reply[]
/** ioredis (and ioredis-mock) turn some replies into objects, HGETALL's among them. */
type Execute = (command: string, args: string[]) => Promise<Reply | Record<string, string>>

/** Back to what Redis sends, and so Upstash: a flat field/value list. */
const flatReply = (reply: Reply | Record<string, string>): Reply =>
  reply !== null && typeof reply === 'object' && !Array.isArray(reply) ? Object.entries(reply).flat() : reply

/** `#!lua flags=...` headers are rejected by older Redis and by the in-process Lua engine. */
const stripShebang = (script: string) => script.replace(/^#!lua[^\n]*\n/, '')
const sha1 = (text: string) => createHash('sha1').update(text).digest('hex')

function redisBackend(url: string): { execute: Execute; close(): Promise<void> } {
  const redis = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 2 })
  return {
    execute: (command, args) => redis.call(command, ...args) as Promise<Reply | Record<string, string>>,
    close: async () => {
      await redis.quit()
    },
  }
}

function inProcessBackend(): { execute: Execute; close(): Promise<void> } {
  const redis = new RedisMock() as unknown as Record<
    string,
    (...args: string[]) => Promise<Reply | Record<string, string>>
  >
  return {
    execute: (command, args) => {
      const method = redis[command.toLowerCase()]
      if (typeof method !== 'function') throw new Error(`ERR unknown command '${command}'`)
      return method.apply(redis, args)
    },
    close: async () => {},
  }
}

/**
 * Scripts are kept here (sha → script) and always run with EVAL, so EVALSHA/SCRIPT LOAD behave the
 * same on real Redis and on the in-process store, which has no script cache of its own.
 */
function withScripting(execute: Execute): Execute {
  const scripts = new Map<string, string>()
  return async (command, args) => {
    const name = command.toUpperCase()
    if (name === 'SCRIPT' && args[0]?.toUpperCase() === 'LOAD' && args[1] !== undefined) {
      const sha = sha1(args[1])
      scripts.set(sha, stripShebang(args[1]))
      return sha
    }
    if (name === 'SCRIPT' && args[0]?.toUpperCase() === 'EXISTS') {
      return args.slice(1).map((sha) => (scripts.has(sha) ? 1 : 0))
    }
    if (name === 'EVAL' && args[0] !== undefined) {
      scripts.set(sha1(args[0]), stripShebang(args[0]))
      return execute('EVAL', [stripShebang(args[0]), ...args.slice(1)])
    }
    if (name === 'EVALSHA' && args[0] !== undefined) {
      const script = scripts.get(args[0])
      if (!script) throw new Error('NOSCRIPT No matching script. Please use EVAL.')
      return execute('EVAL', [script, ...args.slice(1)])
    }
    return execute(command, args)
  }
}

function encode(value: Reply): Reply {
  if (typeof value === 'string') return Buffer.from(value).toString('base64')
  if (Array.isArray(value)) return value.map(encode)
  return value
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return JSON.parse(Buffer.concat(chunks).toString('utf8'))
}

const isCommand = (value: unknown): value is (string | number)[] =>
  Array.isArray(value) && value.length > 0 && value.every((v) => ['string', 'number'].includes(typeof v))

/**
 * A local server speaking the Upstash Redis REST protocol (`POST /`, `/pipeline`, `/multi-exec`,
 * bearer token, optional base64 encoding), so `@upstash/redis` in the Worker is unchanged from
 * production. Backed by real Redis when `redisUrl` is given, else by an in-process store.
 */
export async function startUpstashShim(options: {
  port: number
  token: string
  redisUrl?: string
}): Promise<RunningUpstash> {
  const backend = options.redisUrl ? redisBackend(options.redisUrl) : inProcessBackend()
  const execute = withScripting(backend.execute)
  const expected = Buffer.from(`Bearer ${options.token}`)
  // Tests make Redis fail for one tenant mid-run (`POST /__outage {"key_part": tenantId, "down": true}`):
  // a command naming a key with that part is refused as by a Redis that is down, while every other test
  // file sharing this stand-in keeps its Redis.
  const outages = new Set<string>()

  const run = async (command: (string | number)[], base64: boolean) => {
    try {
      const [name, ...args] = command.map(String)
      if (args.some((arg) => [...outages].some((part) => arg.includes(part)))) {
        throw new Error('ERR Redis is down (the stand-in’s outage switch)')
      }
      const result = flatReply(await execute(name ?? '', args))
      return { result: base64 ? encode(result) : result }
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) }
    }
  }

  const server = createServer(async (req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
    }
    const auth = Buffer.from(req.headers.authorization ?? '')
    if (auth.length !== expected.length || !timingSafeEqual(auth, expected)) {
      return send(401, { error: 'Unauthorized' })
    }
    const base64 = req.headers['upstash-encoding'] === 'base64'
    let body: unknown
    try {
      body = await readJson(req)
    } catch {
      return send(400, { error: 'ERR request body is not JSON' })
    }
    const path = (req.url ?? '/').split('?')[0]
    if (path === '/__outage') {
      const { key_part: part, down } = (body ?? {}) as { key_part?: unknown; down?: unknown }
      if (typeof part !== 'string' || part.length < 8 || typeof down !== 'boolean') {
        return send(400, { error: 'expected {"key_part": string of 8+ characters, "down": boolean}' })
      }
      if (down) outages.add(part)
      else outages.delete(part)
      return send(200, { result: 'OK' })
    }
    if (path === '/pipeline' || path === '/multi-exec') {
      if (!Array.isArray(body) || !body.every(isCommand)) {
        return send(400, { error: 'ERR expected an array of commands' })
      }
      const results = []
      for (const command of body) results.push(await run(command, base64))
      return send(200, results)
    }
    if (!isCommand(body)) return send(400, { error: 'ERR expected a command array' })
    const reply = await run(body, base64)
    return send('error' in reply ? 400 : 200, reply)
  })
  await new Promise<void>((resolve) => server.listen(options.port, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${options.port}`,
    token: options.token,
    backend: options.redisUrl ? 'redis' : 'in-process',
    async stop() {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await backend.close()
    },
  }
}
