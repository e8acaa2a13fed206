import { createServer } from 'node:http'
import { connect } from 'node:net'
import { WebSocketServer } from 'ws'

const TERMINATE = Buffer.from([0x58, 0, 0, 0, 4])
const endsWithTerminate = (data: Buffer) => data.length >= 5 && data.subarray(data.length - 5).equals(TERMINATE)

export interface RunningProxy {
  port: number
  stop(): Promise<void>
}

/**
 * The WebSocket→TCP relay Neon's serverless driver expects (`/v1?address=host:port`), so the Worker
 * reaches a local Postgres exactly as it reaches Neon in production. Only loopback targets are relayed.
 */
export async function startNeonWsProxy(port: number): Promise<RunningProxy> {
  const http = createServer((_req, res) => res.writeHead(426).end('websocket only'))
  const wss = new WebSocketServer({ server: http })
  wss.on('connection', (ws, req) => {
    const address = new URL(req.url ?? '/', 'http://x').searchParams.get('address') ?? ''
    const [host, portText] = address.split(':')
    if (!host || !['127.0.0.1', 'localhost', '::1'].includes(host)) {
      ws.close(1008, 'only loopback targets are relayed')
      return
    }
    const tcp = connect(Number(portText), host)
    const pending: Buffer[] = []
    tcp.on('connect', () => {
      for (const chunk of pending) tcp.write(chunk)
      pending.length = 0
    })
    ws.on('message', (data: Buffer) => {
      if (tcp.connecting) pending.push(data)
      else tcp.write(data)
      // PGlite's server never closes a connection after the client's Terminate ('X') message, so
      // the client's end() would wait forever (and a queue batch with it): close both sides here.
      if (endsWithTerminate(data)) tcp.end(() => ws.close(1000))
    })
    tcp.on('data', (chunk) => ws.readyState === ws.OPEN && ws.send(chunk))
    // Closing both sides together avoids half-open pairs that would pin PGlite connections.
    tcp.on('close', () => ws.close(1000))
    tcp.on('error', () => ws.close())
    ws.on('close', () => tcp.destroy())
    ws.on('error', () => tcp.destroy())
  })
  await new Promise<void>((resolve) => http.listen(port, '127.0.0.1', resolve))
  return {
    port,
    stop: () =>
      new Promise((resolve) => {
        for (const client of wss.clients) client.terminate()
        wss.close()
        http.close(() => resolve())
        http.closeAllConnections()
      }),
  }
}
