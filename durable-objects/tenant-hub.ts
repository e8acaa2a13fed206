import { DurableObject } from 'cloudflare:workers'
import { ClientFrame, type CloudEvent, matchesTypes, type ServerFrame } from '../workers/core/events/cloud-event.ts'

interface SseClient {
  writer: WritableStreamDefaultWriter<Uint8Array>
  types: string[]
  /** Unread frames tolerated: its resume backlog (queued at once, before any is read) + SSE_MAX_QUEUED. */
  allowance: number
}

interface SocketState {
  principalId: string
  types: string[]
}

const encoder = new TextEncoder()
const HEARTBEAT_MS = 15_000
/**
 * New events an SSE client may have queued unread before the hub drops it. Well under the ring buffer, so
 * the client's automatic reconnect (with Last-Event-ID) still resumes without a gap; without a bound a
 * stalled reader would hold every later event in the hub's memory.
 */
const SSE_MAX_QUEUED = 256

const sseFrame = (seq: number, event: CloudEvent) =>
  encoder.encode(`id: ${seq}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`)

/**
 * One per tenant: the single writer of the tenant's event log (a SQLite ring buffer) and the fan-out
 * to its SSE and WebSocket clients. Writes arrive by RPC (`publish`); `fetch` serves only /sse and /ws.
 */
/** The one binding the hub reads; the Worker's full Env names this class, so importing it would be a cycle. */
type HubEnv = { EVENT_LOG_SIZE?: string }

export class TenantHub extends DurableObject<HubEnv> {
  private readonly sse = new Set<SseClient>()
  /** Each socket's subscription, read once from its attachment (which survives hibernation) instead of per event. */
  private readonly socketTypes = new WeakMap<WebSocket, string[]>()
  private heartbeat: ReturnType<typeof setInterval> | undefined
  private readonly capacity: number

  constructor(ctx: DurableObjectState, env: HubEnv) {
    super(ctx, env)
    this.capacity = Math.max(10, Number(env.EVENT_LOG_SIZE ?? 1000))
    ctx.blockConcurrencyWhile(async () => {
      ctx.storage.sql.exec(
        'CREATE TABLE IF NOT EXISTS events (seq INTEGER PRIMARY KEY AUTOINCREMENT, type TEXT NOT NULL, body TEXT NOT NULL)',
      )
    })
  }

  /** Appends to the log and fans out; returns the event with its sequence number. */
  async publish(event: CloudEvent): Promise<CloudEvent & { seq: number }> {
    const { seq } = this.ctx.storage.sql
      .exec<{ seq: number }>(
        'INSERT INTO events (type, body) VALUES (?, ?) RETURNING seq',
        event.type,
        JSON.stringify(event),
      )
      .one()
    this.ctx.storage.sql.exec('DELETE FROM events WHERE seq <= ?', seq - this.capacity)
    const stamped = { ...event, seq }
    // Serialised once per event, whatever the number of subscribers; no send or write is awaited.
    const frame = sseFrame(seq, stamped)
    for (const client of this.sse) {
      if (!matchesTypes(event.type, client.types)) continue
      if (-(client.writer.desiredSize ?? 0) > client.allowance) this.drop(client)
      else this.write(client, frame)
    }
    let wsFrame: string | undefined
    for (const socket of this.ctx.getWebSockets()) {
      if (matchesTypes(event.type, this.typesOf(socket))) {
        wsFrame ??= JSON.stringify({ type: 'event', event: stamped } satisfies ServerFrame)
        this.sendRaw(socket, wsFrame)
      }
    }
    return stamped
  }

  /** Several events in order, in one call: a queue batch announces its jobs with one round trip. */
  async publishAll(events: CloudEvent[]): Promise<(CloudEvent & { seq: number })[]> {
    const stamped: (CloudEvent & { seq: number })[] = []
    for (const event of events) stamped.push(await this.publish(event))
    return stamped
  }

  /** The log after `seq` (oldest first), for resume and for tests. */
  async eventsAfter(seq: number, limit = 1000): Promise<(CloudEvent & { seq: number })[]> {
    return this.backlog(seq, limit)
  }

  /** The newest `limit` events (newest first) and the last sequence number, for a page's first paint. */
  async recent(limit: number): Promise<{ events: (CloudEvent & { seq: number })[]; last_seq: number }> {
    const events = this.ctx.storage.sql
      .exec<{ seq: number; body: string }>('SELECT seq, body FROM events ORDER BY seq DESC LIMIT ?', limit)
      .toArray()
      .map((row) => ({ ...(JSON.parse(row.body) as CloudEvent), seq: row.seq }))
    const last = this.ctx.storage.sql
      .exec<{ seq: number }>("SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'events'), 0) AS seq")
      .one().seq
    return { events, last_seq: last }
  }

  override async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url)
    const principalId = request.headers.get('x-aos-principal') ?? 'unknown'
    const types = (url.searchParams.get('types') ?? '').split(',').filter(Boolean)
    if (url.pathname === '/sse') {
      const after = Number(request.headers.get('last-event-id') ?? url.searchParams.get('last_event_id') ?? 0)
      return this.openSse(Number.isFinite(after) ? after : 0, types)
    }
    if (url.pathname === '/ws' && request.headers.get('upgrade') === 'websocket') {
      const pair = new WebSocketPair()
      this.ctx.acceptWebSocket(pair[1])
      pair[1].serializeAttachment({ principalId, types } satisfies SocketState)
      return new Response(null, { status: 101, webSocket: pair[0] })
    }
    return new Response('not found', { status: 404 })
  }

  override async webSocketMessage(socket: WebSocket, message: string | ArrayBuffer) {
    let frame: ClientFrame
    try {
      frame = ClientFrame.parse(JSON.parse(typeof message === 'string' ? message : new TextDecoder().decode(message)))
    } catch {
      this.send(socket, {
        type: 'error',
        detail: 'Send JSON: {"type":"subscribe","types":["aos.job.*"]} or {"type":"ping"}.',
      })
      return
    }
    if (frame.type === 'ping') {
      this.send(socket, { type: 'pong' })
      return
    }
    const state = socket.deserializeAttachment() as SocketState
    this.send(socket, { type: 'subscribed', types: frame.types })
    if (frame.last_event_id !== undefined) {
      for (const event of this.backlog(frame.last_event_id)) {
        if (matchesTypes(event.type, frame.types)) this.send(socket, { type: 'event', event })
      }
    }
    socket.serializeAttachment({ ...state, types: frame.types } satisfies SocketState)
    this.socketTypes.set(socket, frame.types)
  }

  override async webSocketClose(socket: WebSocket, code: number, reason: string) {
    // 1005/1006 are reserved: they may be received but never sent.
    socket.close(code === 1005 || code === 1006 ? 1000 : code, reason)
  }

  override async webSocketError(socket: WebSocket) {
    socket.close(1011, 'error')
  }

  private backlog(after: number, limit = 1000): (CloudEvent & { seq: number })[] {
    return this.ctx.storage.sql
      .exec<{ seq: number; body: string }>(
        'SELECT seq, body FROM events WHERE seq > ? ORDER BY seq LIMIT ?',
        after,
        limit,
      )
      .toArray()
      .map((row) => ({ ...(JSON.parse(row.body) as CloudEvent), seq: row.seq }))
  }

  private openSse(after: number, types: string[]): Response {
    const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>()
    const client: SseClient = { writer: writable.getWriter(), types, allowance: SSE_MAX_QUEUED }
    this.write(client, encoder.encode('retry: 2000\n\n'))
    const oldest = this.ctx.storage.sql.exec<{ seq: number | null }>('SELECT min(seq) AS seq FROM events').one().seq
    if (after > 0 && oldest !== null && after < oldest - 1) {
      // The client was away longer than the ring buffer holds: tell it, so it can reload state.
      this.write(
        client,
        encoder.encode(`event: aos.stream.gap\ndata: {"missed_after":${after},"oldest":${oldest}}\n\n`),
      )
    }
    // Backlog and registration happen with no await between them, so no event falls in a gap.
    for (const event of this.backlog(after)) {
      if (!matchesTypes(event.type, types)) continue
      this.write(client, sseFrame(event.seq, event))
      client.allowance++
    }
    this.sse.add(client)
    this.heartbeat ??= setInterval(() => this.ping(), HEARTBEAT_MS)
    return new Response(readable, {
      headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' },
    })
  }

  private ping() {
    const beat = encoder.encode(': heartbeat\n\n')
    for (const client of this.sse) this.write(client, beat)
    if (this.sse.size === 0 && this.heartbeat) {
      clearInterval(this.heartbeat)
      this.heartbeat = undefined
    }
  }

  /** Fire-and-forget: a slow or gone client never delays the others; a failed write drops it. */
  private write(client: SseClient, chunk: Uint8Array) {
    client.writer.write(chunk).catch(() => this.drop(client))
  }

  private drop(client: SseClient) {
    this.sse.delete(client)
    client.writer.abort().catch(() => {})
  }

  /** After hibernation the in-memory map is empty: fall back to the attachment once per socket. */
  private typesOf(socket: WebSocket): string[] {
    let types = this.socketTypes.get(socket)
    if (!types) {
      types = (socket.deserializeAttachment() as SocketState | null)?.types ?? []
      this.socketTypes.set(socket, types)
    }
    return types
  }

  private send(socket: WebSocket, frame: ServerFrame) {
    this.sendRaw(socket, JSON.stringify(frame))
  }

  private sendRaw(socket: WebSocket, text: string) {
    try {
      socket.send(text)
    } catch {
      socket.close(1011, 'send failed')
    }
  }
}
