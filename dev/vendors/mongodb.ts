/**
 * A tiny in-memory stand-in for a MongoDB server (standalone, no auth) that speaks enough of the
 * documented wire protocol for the official `mongodb` driver:
 *   - OP_QUERY (2004) → OP_REPLY (1): only for the legacy initial handshake (`hello` / `isMaster`
 *     on admin.$cmd), which the driver still sends as OP_QUERY before it knows the wire version.
 *   - OP_MSG (2013): section kind 0 (body) and kind 1 (document sequence), optional CRC flag.
 * Commands: hello/isMaster/ismaster, ping, buildInfo, getParameter, endSessions, listCollections,
 * find, aggregate ($match/$sample/$sort/$limit/$skip/$project-inclusion), getMore, killCursors,
 * count (filter), insert (for seeding via the driver).
 *
 * Query language: implicit equality, $eq/$ne/$gt/$gte/$lt/$lte/$in/$nin/$exists, $and/$or/$nor,
 * dotted paths, array-element matching for equality; comparisons use BSON type order with
 * type bracketing like the real server (a Date $gt never matches a string).
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto'
import * as net from 'node:net'
import { Binary, BSON, type Document, Long, ObjectId } from 'bson'

const OP_REPLY = 1
const OP_QUERY = 2004
const OP_MSG = 2013
const OP_COMPRESSED = 2012

export interface FakeMongoOptions {
  port?: number
  host?: string
  /** db name → collection name → documents */
  data?: Record<string, Record<string, Document[]>>
  log?: (line: string) => void
  maxWireVersion?: number
  /** When set, every command except the handshake/SASL ones needs SCRAM-SHA-256 auth first. */
  auth?: { username: string; password: string; iterations?: number }
}

interface ConnState {
  id: number
  authenticated: boolean
  scram?: { clientFirstBare: string; serverFirst: string; nonce: string; salted: Buffer }
}

interface Cursor {
  ns: string
  docs: Document[]
  pos: number
}

export class FakeMongoServer {
  readonly data: Record<string, Record<string, Document[]>>
  private server: net.Server
  private cursors = new Map<string, Cursor>()
  private nextCursorId = 1000n
  private nextRequestId = 1
  private nextConnectionId = 1
  private sockets = new Set<net.Socket>()
  readonly commandLog: { cmd: string; db: string; body: Document }[] = []
  port = 0

  private options: FakeMongoOptions

  constructor(options: FakeMongoOptions = {}) {
    this.options = options
    this.data = options.data ?? {}
    this.server = net.createServer((socket) => this.onConnection(socket))
  }

  async start(): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject)
      this.server.listen(this.options.port ?? 0, this.options.host ?? '127.0.0.1', () => resolve())
    })
    this.port = (this.server.address() as net.AddressInfo).port
    return this.port
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }

  get uri(): string {
    return `mongodb://127.0.0.1:${this.port}/?directConnection=true`
  }

  private onConnection(socket: net.Socket): void {
    this.sockets.add(socket)
    const conn: ConnState = { id: this.nextConnectionId++, authenticated: !this.options.auth }
    let buf = Buffer.alloc(0)
    socket.on('close', () => this.sockets.delete(socket))
    socket.on('error', () => {})
    socket.on('data', (chunk) => {
      buf = buf.length ? Buffer.concat([buf, chunk]) : chunk
      while (buf.length >= 4) {
        const len = buf.readInt32LE(0)
        if (buf.length < len) break
        const msg = buf.subarray(0, len)
        buf = buf.subarray(len)
        try {
          const reply = this.handleMessage(msg, conn)
          if (reply) socket.write(reply)
        } catch (err) {
          this.options.log?.(`fatal: ${(err as Error).stack}`)
          socket.destroy()
        }
      }
    })
  }

  private handleMessage(msg: Buffer, conn: ConnState): Buffer | null {
    const requestId = msg.readInt32LE(4)
    const opCode = msg.readInt32LE(12)
    if (opCode === OP_QUERY) {
      // flags(4) fullCollectionName(cstring) numberToSkip(4) numberToReturn(4) query(doc)
      let off = 20
      const nameEnd = msg.indexOf(0, off)
      const fullName = msg.toString('utf8', off, nameEnd)
      off = nameEnd + 1 + 8
      const docLen = msg.readInt32LE(off)
      const query = BSON.deserialize(msg.subarray(off, off + docLen))
      const db = fullName.split('.')[0] ?? 'admin'
      const cmd = query.$query ?? query
      const result = this.runCommand(db, cmd, conn, true)
      return this.opReply(requestId, result)
    }
    if (opCode === OP_MSG) {
      const flags = msg.readUInt32LE(16)
      const checksum = (flags & 1) !== 0
      const end = msg.length - (checksum ? 4 : 0)
      let off = 20
      let body: Document | undefined
      while (off < end) {
        const kind = msg[off]
        off += 1
        if (kind === 0) {
          const len = msg.readInt32LE(off)
          body = BSON.deserialize(msg.subarray(off, off + len))
          off += len
        } else if (kind === 1) {
          const size = msg.readInt32LE(off)
          const sectionEnd = off + size
          let p = off + 4
          const idEnd = msg.indexOf(0, p)
          const identifier = msg.toString('utf8', p, idEnd)
          p = idEnd + 1
          const docs: Document[] = []
          while (p < sectionEnd) {
            const len = msg.readInt32LE(p)
            docs.push(BSON.deserialize(msg.subarray(p, p + len)))
            p += len
          }
          if (body) body[identifier] = docs
          else throw new Error('kind 1 section before body')
          off = sectionEnd
        } else {
          throw new Error(`unknown OP_MSG section kind ${kind}`)
        }
      }
      if (!body) throw new Error('OP_MSG without body')
      const db = body.$db ?? 'admin'
      const result = this.runCommand(db, body, conn, false)
      const moreToCome = (flags & 2) !== 0
      return moreToCome ? null : this.opMsg(requestId, result)
    }
    if (opCode === OP_COMPRESSED) throw new Error('compression not negotiated')
    throw new Error(`unsupported opCode ${opCode}`)
  }

  private header(length: number, responseTo: number, opCode: number): Buffer {
    const h = Buffer.alloc(16)
    h.writeInt32LE(length, 0)
    h.writeInt32LE(this.nextRequestId++, 4)
    h.writeInt32LE(responseTo, 8)
    h.writeInt32LE(opCode, 12)
    return h
  }

  private opMsg(responseTo: number, doc: Document): Buffer {
    const body = BSON.serialize(doc)
    const total = 16 + 4 + 1 + body.length
    const out = Buffer.alloc(total)
    this.header(total, responseTo, OP_MSG).copy(out, 0)
    out.writeUInt32LE(0, 16)
    out[20] = 0
    Buffer.from(body.buffer, body.byteOffset, body.byteLength).copy(out, 21)
    return out
  }

  private opReply(responseTo: number, doc: Document): Buffer {
    const body = BSON.serialize(doc)
    const total = 16 + 20 + body.length
    const out = Buffer.alloc(total)
    this.header(total, responseTo, OP_REPLY).copy(out, 0)
    out.writeInt32LE(8, 16) // responseFlags: AwaitCapable
    out.writeBigInt64LE(0n, 20) // cursorID
    out.writeInt32LE(0, 28) // startingFrom
    out.writeInt32LE(1, 32) // numberReturned
    Buffer.from(body.buffer, body.byteOffset, body.byteLength).copy(out, 36)
    return out
  }

  // ---------------------------------------------------------------- commands

  private runCommand(db: string, cmd: Document, conn: ConnState, legacy: boolean): Document {
    const name = Object.keys(cmd)[0] ?? ''
    this.commandLog.push({ cmd: name, db, body: cmd })
    this.options.log?.(`${legacy ? 'OP_QUERY' : 'OP_MSG'} ${db}.${name} ${summarize(cmd)}`)
    try {
      const open = ['hello', 'ismaster', 'saslstart', 'saslcontinue', 'ping', 'endsessions', 'buildinfo']
      if (!conn.authenticated && !open.includes(name.toLowerCase()))
        throw Object.assign(new Error(`command ${name} requires authentication`), {
          code: 13,
          codeName: 'Unauthorized',
        })
      return this.dispatch(db, name, cmd, conn)
    } catch (err) {
      const e = err as Error & { code?: number; codeName?: string }
      return { ok: 0, errmsg: e.message, code: e.code ?? 2, codeName: e.codeName ?? 'BadValue' }
    }
  }

  private dispatch(db: string, name: string, cmd: Document, conn: ConnState): Document {
    const connectionId = conn.id
    switch (name.toLowerCase()) {
      case 'saslstart':
        return this.saslStart(cmd, conn)
      case 'saslcontinue':
        return this.saslContinue(cmd, conn)
      case 'hello':
      case 'ismaster':
        return {
          helloOk: true,
          ismaster: true,
          isWritablePrimary: true,
          maxBsonObjectSize: 16 * 1024 * 1024,
          maxMessageSizeBytes: 48_000_000,
          maxWriteBatchSize: 100_000,
          localTime: new Date(),
          logicalSessionTimeoutMinutes: 30,
          connectionId,
          minWireVersion: 0,
          maxWireVersion: this.options.maxWireVersion ?? 21, // MongoDB 7.0
          readOnly: false,
          ...(cmd.saslSupportedMechs && this.options.auth ? { saslSupportedMechs: ['SCRAM-SHA-256'] } : {}),
          ok: 1,
        }
      case 'ping':
        return { ok: 1 }
      case 'buildinfo':
        return { version: '7.0.0-fake', versionArray: [7, 0, 0, 0], ok: 1 }
      case 'endsessions':
        return { ok: 1 }
      case 'listcollections': {
        const colls = this.data[db] ?? {}
        let infos = Object.keys(colls).map((n) => ({
          name: n,
          type: 'collection',
          options: {},
          info: { readOnly: false },
          idIndex: { v: 2, key: { _id: 1 }, name: '_id_' },
        }))
        if (cmd.filter && Object.keys(cmd.filter).length) infos = infos.filter((i) => matches(i, cmd.filter))
        if (cmd.nameOnly) infos = infos.map((i) => ({ name: i.name, type: i.type })) as typeof infos
        return this.openCursor(`${db}.$cmd.listCollections`, infos, cmd.cursor?.batchSize)
      }
      case 'find': {
        let docs = this.collection(db, cmd.find).filter((d) => matches(d, cmd.filter ?? {}))
        if (cmd.sort) docs = sortDocs(docs, cmd.sort)
        if (cmd.skip) docs = docs.slice(cmd.skip)
        if (cmd.limit) docs = docs.slice(0, Math.abs(cmd.limit))
        if (cmd.projection) docs = docs.map((d) => project(d, cmd.projection))
        const batchSize = cmd.singleBatch ? docs.length : cmd.batchSize
        return this.openCursor(`${db}.${cmd.find}`, docs, batchSize, cmd.singleBatch)
      }
      case 'aggregate': {
        let docs = this.collection(db, cmd.aggregate).slice()
        for (const stage of cmd.pipeline as Document[]) docs = runStage(docs, stage)
        return this.openCursor(`${db}.${cmd.aggregate}`, docs, cmd.cursor?.batchSize)
      }
      case 'count': {
        const n = this.collection(db, cmd.count).filter((d) => matches(d, cmd.query ?? {})).length
        return { n, ok: 1 }
      }
      case 'getmore': {
        const key = String(cmd.getMore)
        const cursor = this.cursors.get(key)
        if (!cursor)
          throw Object.assign(new Error(`cursor id ${key} not found`), { code: 43, codeName: 'CursorNotFound' })
        const n = cmd.batchSize && cmd.batchSize > 0 ? cmd.batchSize : 101
        const batch = cursor.docs.slice(cursor.pos, cursor.pos + n)
        cursor.pos += batch.length
        const exhausted = cursor.pos >= cursor.docs.length
        if (exhausted) this.cursors.delete(key)
        return { cursor: { nextBatch: batch, id: exhausted ? Long.ZERO : Long.fromString(key), ns: cursor.ns }, ok: 1 }
      }
      case 'killcursors': {
        const killed: Long[] = []
        const notFound: Long[] = []
        for (const id of cmd.cursors as unknown[]) {
          const key = String(id)
          ;(this.cursors.delete(key) ? killed : notFound).push(Long.fromString(key))
        }
        return { cursorsKilled: killed, cursorsNotFound: notFound, cursorsAlive: [], cursorsUnknown: [], ok: 1 }
      }
      case 'insert': {
        const database = this.data[db] ?? {}
        this.data[db] = database
        const coll = database[cmd.insert] ?? []
        database[cmd.insert] = coll
        for (const d of cmd.documents as Document[]) coll.push({ _id: new ObjectId(), ...d })
        return { n: (cmd.documents as Document[]).length, ok: 1 }
      }
      default:
        throw Object.assign(new Error(`no such command: '${name}'`), { code: 59, codeName: 'CommandNotFound' })
    }
  }

  // SCRAM-SHA-256 (RFC 5802/7677), server side; the password is used as is (no SASLprep: ASCII only)
  private saslStart(cmd: Document, conn: ConnState): Document {
    const auth = this.options.auth
    if (!auth || cmd.mechanism !== 'SCRAM-SHA-256')
      throw Object.assign(new Error(`mechanism ${cmd.mechanism} not supported`), { code: 2, codeName: 'BadValue' })
    const clientFirst = Buffer.from((cmd.payload as Binary).buffer).toString('utf8')
    const clientFirstBare = clientFirst.replace(/^[^,]*,[^,]*,/, '')
    const attrs = Object.fromEntries(clientFirstBare.split(',').map((kv: string) => [kv[0], kv.slice(2)]))
    if (attrs.n !== auth.username)
      throw Object.assign(new Error('Authentication failed.'), { code: 18, codeName: 'AuthenticationFailed' })
    const salt = randomBytes(16)
    const iterations = auth.iterations ?? 15000
    const nonce = attrs.r + randomBytes(18).toString('base64')
    const serverFirst = `r=${nonce},s=${salt.toString('base64')},i=${iterations}`
    const salted = pbkdf2Sync(auth.password, salt, iterations, 32, 'sha256')
    conn.scram = { clientFirstBare, serverFirst, nonce, salted }
    return { conversationId: 1, done: false, payload: new Binary(Buffer.from(serverFirst)), ok: 1 }
  }

  private saslContinue(cmd: Document, conn: ConnState): Document {
    const st = conn.scram
    const fail = () =>
      Object.assign(new Error('Authentication failed.'), { code: 18, codeName: 'AuthenticationFailed' })
    if (!st) throw fail()
    const clientFinal = Buffer.from((cmd.payload as Binary).buffer).toString('utf8')
    const withoutProof = clientFinal.replace(/,p=[^,]*$/, '')
    const proof = Buffer.from(clientFinal.match(/,p=([^,]*)$/)?.[1] ?? '', 'base64')
    if (!withoutProof.includes(`r=${st.nonce}`)) throw fail()
    const authMessage = `${st.clientFirstBare},${st.serverFirst},${withoutProof}`
    const hmac = (key: Buffer, data: string) => createHmac('sha256', key).update(data).digest()
    const clientKey = hmac(st.salted, 'Client Key')
    const storedKey = createHash('sha256').update(clientKey).digest()
    const clientSig = hmac(storedKey, authMessage)
    if (proof.length !== clientSig.length) throw fail()
    const recoveredKey = Buffer.from(proof.map((b: number, i: number) => b ^ (clientSig[i] ?? 0)))
    if (!timingSafeEqual(createHash('sha256').update(recoveredKey).digest(), storedKey)) throw fail()
    const serverSig = hmac(hmac(st.salted, 'Server Key'), authMessage)
    conn.authenticated = true
    conn.scram = undefined
    return {
      conversationId: 1,
      done: true,
      payload: new Binary(Buffer.from(`v=${serverSig.toString('base64')}`)),
      ok: 1,
    }
  }

  private collection(db: string, name: string): Document[] {
    return this.data[db]?.[name] ?? []
  }

  private openCursor(ns: string, docs: Document[], batchSize?: number, single = false): Document {
    const n = batchSize === undefined || batchSize === null ? 101 : batchSize
    const first = docs.slice(0, n)
    if (single || first.length >= docs.length) {
      return { cursor: { firstBatch: first, id: Long.ZERO, ns }, ok: 1 }
    }
    const id = this.nextCursorId++
    this.cursors.set(String(id), { ns, docs, pos: first.length })
    return { cursor: { firstBatch: first, id: Long.fromBigInt(id), ns }, ok: 1 }
  }
}

// ------------------------------------------------------------------ query engine

function summarize(cmd: Document): string {
  const keep: Document = {}
  for (const k of ['filter', 'sort', 'limit', 'batchSize', 'pipeline', 'getMore', 'cursor'])
    if (k in cmd) keep[k] = cmd[k]
  return JSON.stringify(BSON.EJSON.serialize(keep, { relaxed: true }))
}

/** All values at a dotted path; arrays along the way fan out (like the server). */
function valuesAt(doc: unknown, path: string[]): unknown[] {
  if (path.length === 0) return [doc]
  if (Array.isArray(doc)) {
    const idx = Number(path[0])
    if (Number.isInteger(idx) && String(idx) === path[0]) return valuesAt(doc[idx], path.slice(1))
    return doc.flatMap((el) => valuesAt(el, path))
  }
  if (doc !== null && typeof doc === 'object' && !isBsonScalar(doc)) {
    const [head = '', ...rest] = path
    if (!(head in (doc as Document))) return [undefined]
    return valuesAt((doc as Document)[head], rest)
  }
  return [undefined]
}

function isBsonScalar(v: unknown): boolean {
  return (
    v instanceof Date ||
    v instanceof ObjectId ||
    v instanceof Uint8Array ||
    v instanceof RegExp ||
    (typeof v === 'object' && v !== null && '_bsontype' in v)
  )
}

/** BSON canonical type order (MongoDB comparison/sort order). */
function typeRank(v: unknown): number {
  if (v === undefined || v === null) return 2
  if (typeof v === 'number' || typeof v === 'bigint') return 3
  if (typeof v === 'string') return 4
  if (v instanceof ObjectId) return 8
  if (v instanceof Date) return 10
  if (typeof v === 'boolean') return 9
  if (Array.isArray(v)) return 6
  if (v instanceof Uint8Array) return 7
  if (v instanceof RegExp) return 12
  const t = (v as { _bsontype?: string })._bsontype
  if (t === 'Long' || t === 'Double' || t === 'Int32' || t === 'Decimal128') return 3
  if (t === 'Timestamp') return 11
  if (t === 'MinKey') return 1
  if (t === 'MaxKey') return 100
  if (t === 'Binary') return 7
  return 5 // object
}

function num(v: unknown): number {
  if (typeof v === 'number') return v
  if (typeof v === 'bigint') return Number(v)
  const t = v as { toNumber?: () => number; valueOf: () => number; toString(): string }
  if (t.toNumber) return t.toNumber()
  return Number(t.toString())
}

export function compare(a: unknown, b: unknown): number {
  const ra = typeRank(a)
  const rb = typeRank(b)
  if (ra !== rb) return ra - rb
  switch (ra) {
    case 2:
      return 0
    case 3:
      return num(a) - num(b)
    case 4:
      return (a as string) < (b as string) ? -1 : (a as string) > (b as string) ? 1 : 0
    case 8:
      return Buffer.compare((a as ObjectId).id, (b as ObjectId).id)
    case 9:
      return Number(a) - Number(b)
    case 10:
      return (a as Date).getTime() - (b as Date).getTime()
    case 6: {
      const x = a as unknown[]
      const y = b as unknown[]
      for (let i = 0; i < Math.min(x.length, y.length); i++) {
        const c = compare(x[i], y[i])
        if (c) return c
      }
      return x.length - y.length
    }
    case 5: {
      const x = Object.entries(a as Document)
      const y = Object.entries(b as Document)
      for (let i = 0; i < Math.min(x.length, y.length); i++) {
        const [kx, vx] = x[i] as [string, unknown]
        const [ky, vy] = y[i] as [string, unknown]
        const c = compare(vx, vy) || (kx < ky ? -1 : kx > ky ? 1 : 0)
        if (c) return c
      }
      return x.length - y.length
    }
    default:
      return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0
  }
}

function equal(a: unknown, b: unknown): boolean {
  return typeRank(a) === typeRank(b) && compare(a, b) === 0
}

function isOperatorObject(v: unknown): v is Document {
  return (
    v !== null &&
    typeof v === 'object' &&
    !Array.isArray(v) &&
    !isBsonScalar(v) &&
    Object.keys(v).length > 0 &&
    Object.keys(v).every((k) => k.startsWith('$'))
  )
}

export function matches(doc: Document, filter: Document): boolean {
  for (const [key, cond] of Object.entries(filter)) {
    if (key === '$and') {
      if (!(cond as Document[]).every((f) => matches(doc, f))) return false
    } else if (key === '$or') {
      if (!(cond as Document[]).some((f) => matches(doc, f))) return false
    } else if (key === '$nor') {
      if ((cond as Document[]).some((f) => matches(doc, f))) return false
    } else if (key.startsWith('$')) {
      throw Object.assign(new Error(`unknown top level operator: ${key}`), { code: 2, codeName: 'BadValue' })
    } else if (!matchField(doc, key, cond)) return false
  }
  return true
}

function candidates(doc: Document, key: string): unknown[] {
  // the values at the path, plus the elements of any array found there (server semantics)
  const vals = valuesAt(doc, key.split('.'))
  return vals.flatMap((v) => (Array.isArray(v) ? [v, ...v] : [v]))
}

function matchField(doc: Document, key: string, cond: unknown): boolean {
  const vals = candidates(doc, key)
  if (!isOperatorObject(cond)) {
    if (cond instanceof RegExp) return vals.some((v) => typeof v === 'string' && cond.test(v))
    return vals.some((v) => equal(v ?? null, cond ?? null))
  }
  return Object.entries(cond).every(([op, arg]) => {
    const bracket = (v: unknown) => v !== undefined && typeRank(v) === typeRank(arg)
    switch (op) {
      case '$eq':
        return vals.some((v) => equal(v ?? null, arg ?? null))
      case '$ne':
        return !vals.some((v) => equal(v ?? null, arg ?? null))
      case '$gt':
        return vals.some((v) => bracket(v) && compare(v, arg) > 0)
      case '$gte':
        return vals.some((v) => bracket(v) && compare(v, arg) >= 0)
      case '$lt':
        return vals.some((v) => bracket(v) && compare(v, arg) < 0)
      case '$lte':
        return vals.some((v) => bracket(v) && compare(v, arg) <= 0)
      case '$in':
        return (arg as unknown[]).some((a) => vals.some((v) => equal(v ?? null, a ?? null)))
      case '$nin':
        return !(arg as unknown[]).some((a) => vals.some((v) => equal(v ?? null, a ?? null)))
      case '$exists':
        return vals.some((v) => v !== undefined) === Boolean(arg)
      default:
        throw Object.assign(new Error(`unknown operator: ${op}`), { code: 2, codeName: 'BadValue' })
    }
  })
}

/** Sort key of one field: for arrays, min (asc) / max (desc) element, as the server does. */
function sortKey(doc: Document, path: string, dir: number): unknown {
  const vals = valuesAt(doc, path.split('.')).flatMap((v) => (Array.isArray(v) ? (v.length ? v : [undefined]) : [v]))
  let best = vals[0]
  for (const v of vals.slice(1)) if (dir > 0 ? compare(v, best) < 0 : compare(v, best) > 0) best = v
  return best ?? null
}

export function sortDocs(docs: Document[], sort: Document): Document[] {
  const keys = Object.entries(sort).map(([k, d]) => [k, Number(d) < 0 ? -1 : 1] as const)
  return docs
    .map((d, i) => ({ d, i }))
    .sort((x, y) => {
      for (const [k, dir] of keys) {
        const c = compare(sortKey(x.d, k, dir), sortKey(y.d, k, dir))
        if (c) return c * dir
      }
      return x.i - y.i
    })
    .map((x) => x.d)
}

function project(doc: Document, projection: Document): Document {
  const include = Object.entries(projection).filter(([k, v]) => k !== '_id' && v)
  if (include.length === 0) {
    const out = { ...doc }
    for (const [k, v] of Object.entries(projection)) if (!v) delete out[k]
    return out
  }
  const out: Document = {}
  if (projection._id !== 0 && projection._id !== false && '_id' in doc) out._id = doc._id
  for (const [k] of include) if (k in doc) out[k] = doc[k]
  return out
}

function runStage(docs: Document[], stage: Document): Document[] {
  const [op, arg] = Object.entries(stage)[0] ?? ['', {}]
  switch (op) {
    case '$match':
      return docs.filter((d) => matches(d, arg))
    case '$sample': {
      const copy = docs.slice()
      for (let i = copy.length - 1; i > 0; i--) {
        const j = Math.floor(Math.random() * (i + 1))
        ;[copy[i], copy[j]] = [copy[j] as Document, copy[i] as Document]
      }
      return copy.slice(0, arg.size)
    }
    case '$sort':
      return sortDocs(docs, arg)
    case '$limit':
      return docs.slice(0, arg)
    case '$skip':
      return docs.slice(arg)
    case '$project':
      return docs.map((d) => project(d, arg))
    case '$count':
      return [{ [arg]: docs.length }]
    case '$group':
      return group(docs, arg)
    default:
      throw Object.assign(new Error(`Unrecognized pipeline stage name: '${op}'`), {
        code: 40324,
        codeName: 'Location40324',
      })
  }
}

/** Expression: "$a.b" field path or a literal. */
function evalExpr(doc: Document, expr: unknown): unknown {
  if (typeof expr === 'string' && expr.startsWith('$')) return valuesAt(doc, expr.slice(1).split('.'))[0] ?? null
  return expr
}

/** $group with accumulators $sum/$min/$max/$first/$last/$push (enough for countDocuments, profiling). */
function group(docs: Document[], spec: Document): Document[] {
  const groups = new Map<string, { _id: unknown; acc: Document }>()
  for (const d of docs) {
    const id = evalExpr(d, spec._id)
    const key = JSON.stringify(BSON.EJSON.serialize({ id }))
    let g = groups.get(key)
    if (!g) {
      g = { _id: id, acc: {} }
      groups.set(key, g)
    }
    for (const [field, acc] of Object.entries(spec)) {
      if (field === '_id') continue
      const [op, e] = Object.entries(acc as Document)[0] ?? ['', null]
      const v = evalExpr(d, e)
      const cur = g.acc[field]
      switch (op) {
        case '$sum':
          g.acc[field] = (cur ?? 0) + (typeof v === 'number' ? v : 0)
          break
        case '$min':
          if (cur === undefined || compare(v, cur) < 0) g.acc[field] = v
          break
        case '$max':
          if (cur === undefined || compare(v, cur) > 0) g.acc[field] = v
          break
        case '$first':
          if (!(field in g.acc)) g.acc[field] = v
          break
        case '$last':
          g.acc[field] = v
          break
        case '$push':
          g.acc[field] = [...(cur ?? []), v]
          break
        default:
          throw Object.assign(new Error(`unknown group operator '${op}'`), { code: 15952, codeName: 'Location15952' })
      }
    }
  }
  return [...groups.values()].map((g) => ({ _id: g._id, ...g.acc }))
}

// ------------------------------------------------------------------ sample data

/** Deterministic nested sample data: `shop.orders` (n docs, several sharing an updatedAt) and `shop.customers`. */
export function sampleData(n = 250): Record<string, Record<string, Document[]>> {
  const base = Date.UTC(2026, 0, 1)
  const orders: Document[] = []
  for (let i = 0; i < n; i++) {
    // hex ObjectIds deliberately NOT in insertion order, so _id tie-breaking is really exercised
    const hex = (((i * 7919) % 1_000_003) + 0x10000000).toString(16).padStart(8, '0') + '0000000000000000'
    orders.push({
      _id: new ObjectId(hex.slice(0, 24)),
      orderNo: i,
      // groups of 5 documents share the same updatedAt (ties need the _id tiebreak)
      updatedAt: new Date(base + Math.floor(i / 5) * 60_000),
      status: ['new', 'paid', 'shipped'][i % 3],
      customer: {
        name: `Customer ${i % 17}`,
        address: { city: ['Berlin', 'Paris', 'Rome'][i % 3], zip: String(10000 + i) },
      },
      items: Array.from({ length: (i % 3) + 1 }, (_, k) => ({ sku: `SKU-${k}`, qty: k + 1, price: 9.99 * (k + 1) })),
      tags: i % 2 ? ['a', 'b'] : [],
      total: Number((i * 1.5).toFixed(2)),
      ...(i % 10 === 0 ? { note: null } : {}),
    })
  }
  const customers: Document[] = Array.from({ length: 17 }, (_, i) => ({
    // deterministic, so the demo's stand-in serves the same documents after every restart
    _id: new ObjectId((0x20000000 + i).toString(16).padEnd(24, '0')),
    name: `Customer ${i}`,
    createdAt: new Date(base - i * 86_400_000),
    prefs: { newsletter: i % 2 === 0, langs: ['en', 'de'].slice(0, (i % 2) + 1) },
  }))
  return { shop: { orders, customers } }
}
