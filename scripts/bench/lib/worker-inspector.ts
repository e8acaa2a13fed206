/**
 * The inspector (Chrome DevTools Protocol) of a `wrangler dev` worker: one connection that the heap
 * reader and the CPU profiler share, since wrangler's inspector proxy serves one client at a time.
 */
import { WebSocket } from 'ws'

export type WorkerInspector = Awaited<ReturnType<typeof openWorkerInspector>>

export async function openWorkerInspector(inspectorPort: number) {
  const targets = (await (await fetch(`http://127.0.0.1:${inspectorPort}/json`)).json()) as {
    webSocketDebuggerUrl: string
  }[]
  const target = targets[0]
  if (!target) throw new Error(`no worker behind the inspector on port ${inspectorPort}`)
  // wrangler's inspector proxy accepts local origins only (DNS-rebinding guard); Node sends none unasked.
  const socket = new WebSocket(target.webSocketDebuggerUrl, { origin: `http://127.0.0.1:${inspectorPort}` })
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve())
    socket.once('error', (error) => reject(new Error(`the worker inspector refused the connection: ${error.message}`)))
  })
  let nextId = 1
  const waiting = new Map<number, (result: unknown) => void>()
  const listeners = new Map<string, (params: unknown) => void>()
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as { id?: number; result?: unknown; method?: string; params?: unknown }
    if (message.id === undefined) {
      if (message.method) listeners.get(message.method)?.(message.params)
      return
    }
    waiting.get(message.id)?.(message.result)
    waiting.delete(message.id)
  })
  return {
    call: <T>(method: string, params: Record<string, unknown> = {}) =>
      new Promise<T>((resolve) => {
        const id = nextId++
        waiting.set(id, (result) => resolve(result as T))
        socket.send(JSON.stringify({ id, method, params }))
      }),
    /** One listener per event name: the last one set wins. */
    on: (method: string, listener: (params: unknown) => void) => listeners.set(method, listener),
    close: () => socket.close(),
  }
}
