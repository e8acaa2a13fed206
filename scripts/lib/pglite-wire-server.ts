import { createServer, type Server, type Socket } from 'node:net'
import type { PGlite } from '@electric-sql/pglite'

// PGlite is one Postgres session; this serves it to many wire-protocol clients, one at a time.
// @electric-sql/pglite-socket interleaves clients message by message outside explicit transactions, so
// two clients using the extended protocol (Parse, Bind, Execute, Sync) overwrite each other's unnamed
// statement ("unnamed prepared statement does not exist") and a reply can reach the wrong socket. Here a
// client holds the session from its first message to a point where the session is idle again: a Sync or
// a simple Query that leaves no transaction block open. A client inside a transaction keeps it until it
// commits, rolls back or disconnects (then it is rolled back).

const SSL_REQUEST = 80877103
const CANCEL_REQUEST = 80877102
const TERMINATE = 0x58 // 'X'
/** Messages after which the client waits for ReadyForQuery: the session may change hands there. */
const ENDS_EXCHANGE = new Set([0x53 /* Sync */, 0x51 /* Query */])

/** Hands the one session to one client at a time, first come first served. */
class SessionTurns {
  private owner: number | null = null
  private waiting: { id: number; grant: () => void }[] = []

  async take(id: number) {
    if (this.owner === id) return
    if (this.owner === null) {
      this.owner = id
      return
    }
    await new Promise<void>((grant) => this.waiting.push({ id, grant }))
  }

  give(id: number) {
    if (this.owner !== id) return
    const next = this.waiting.shift()
    this.owner = next?.id ?? null
    next?.grant()
  }

  leave(id: number) {
    this.waiting = this.waiting.filter((w) => w.id !== id)
    this.give(id)
  }

  isOwner = (id: number) => this.owner === id
}

/** Splits complete protocol messages off the front of `buffer`; the startup phase has no type byte. */
function takeMessage(buffer: Buffer, started: boolean): { message: Buffer; rest: Buffer } | null {
  // A typed message's length (after its type byte) counts itself but not the type byte.
  const header = started ? 5 : 4
  if (buffer.length < header) return null
  const length = started ? buffer.readInt32BE(1) + 1 : buffer.readInt32BE(0)
  if (length < header) throw new Error('malformed message length')
  if (buffer.length < length) return null
  return { message: buffer.subarray(0, length), rest: buffer.subarray(length) }
}

function serveClient(db: PGlite, turns: SessionTurns, socket: Socket, id: number) {
  let buffer = Buffer.alloc(0)
  let started = false
  let pending: Buffer[] = []
  let work = Promise.resolve()

  async function exchange(messages: Buffer[], endsExchange: boolean) {
    await turns.take(id)
    if (socket.destroyed) return
    await db.runExclusive(() =>
      db.execProtocolRawStream(new Uint8Array(Buffer.concat(messages)), {
        onRawData: (data) => {
          if (!socket.destroyed) socket.write(data)
        },
      }),
    )
    if (endsExchange && !db.isInTransaction()) turns.give(id)
  }

  async function pump() {
    for (let next = takeMessage(buffer, started); next; next = takeMessage(buffer, started)) {
      buffer = next.rest
      const { message } = next
      if (!started) {
        const code = message.length >= 8 ? message.readInt32BE(4) : 0
        if (code === SSL_REQUEST) socket.write('N')
        else if (code === CANCEL_REQUEST) socket.end()
        else {
          started = true
          await exchange([message], true)
        }
        continue
      }
      if (message[0] === TERMINATE) {
        socket.end()
        return
      }
      pending.push(message)
      const type = message[0] as number
      // A Flush also wants its replies now; the session stays with this client until its Sync.
      if (ENDS_EXCHANGE.has(type) || type === 0x48 /* Flush */) {
        const messages = pending
        pending = []
        await exchange(messages, ENDS_EXCHANGE.has(type))
      }
    }
  }

  socket.setNoDelay(true)
  socket.on('data', (chunk) => {
    buffer = Buffer.concat([buffer, chunk])
    work = work.then(pump).catch(() => {
      socket.destroy()
    })
  })
  socket.on('error', () => socket.destroy())
  socket.on('close', () => {
    work = work.then(async () => {
      if (turns.isOwner(id) && db.isInTransaction()) await db.exec('rollback')
      turns.leave(id)
    })
  })
}

/** Listens on `port` at 127.0.0.1 and serves `db` to every client that connects. */
export async function servePglite(db: PGlite, port: number): Promise<{ close(): Promise<void> }> {
  const turns = new SessionTurns()
  const sockets = new Set<Socket>()
  let nextId = 1
  const server: Server = createServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    serveClient(db, turns, socket, nextId++)
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', resolve)
  })
  return {
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}
