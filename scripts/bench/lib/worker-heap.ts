/**
 * The V8 heap of a `wrangler dev` worker, read over its inspector (Chrome DevTools Protocol): what the
 * isolate holds, as opposed to the process's resident memory, which also counts heap V8 has not given
 * back after a collection. Production caps the isolate at 128 MB, so the live heap is what must stay flat.
 */
import { WebSocket } from 'ws'

type Usage = { used_mb: number; total_mb: number }

export async function openWorkerHeap(inspectorPort: number) {
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
  socket.on('message', (data) => {
    const reply = JSON.parse(String(data)) as { id?: number; result?: unknown }
    if (reply.id === undefined) return // an event, not a reply
    waiting.get(reply.id)?.(reply.result)
    waiting.delete(reply.id)
  })
  const call = <T>(method: string) =>
    new Promise<T>((resolve) => {
      const id = nextId++
      waiting.set(id, (result) => resolve(result as T))
      socket.send(JSON.stringify({ id, method }))
    })
  const mb = (bytes: number) => Math.round(bytes / 1e5) / 10

  return {
    /** Heap in use and reserved now, garbage included. */
    async usage(): Promise<Usage> {
      const { usedSize, totalSize } = await call<{ usedSize: number; totalSize: number }>('Runtime.getHeapUsage')
      return { used_mb: mb(usedSize), total_mb: mb(totalSize) }
    },
    /** Heap still reachable after a full collection: the working set. */
    async live(): Promise<Usage> {
      await call('HeapProfiler.collectGarbage')
      return this.usage()
    },
    close: () => socket.close(),
  }
}
