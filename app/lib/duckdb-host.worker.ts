// The shared worker that hosts a tab's DuckDB engine (app/lib/duckdb.ts), which the browser keeps through a
// reload (the SharedWorker's `extendedLifetime`), so a reloaded preview finds it started instead of paying
// the engine's start again. During a reload the old page and the new one are both its clients.
import { createRelay, type EngineMessage } from './duckdb-relay.ts'

/** What this file uses of a SharedWorkerGlobalScope (the app's types are the DOM's, not a worker's). */
type HostScope = {
  importScripts(url: string): void
  close(): void
  onconnect: ((event: MessageEvent) => void) | null
  postMessage: (message: EngineMessage, transfer?: Transferable[]) => void
  onmessage?: (event: { data: EngineMessage }) => Promise<void>
}
const scope = globalThis as unknown as HostScope

// The engine's worker script answers through `globalThis.postMessage` and listens on `onmessage`, as a
// dedicated worker's would; both are bridged here.
const relay = createRelay((message) => void scope.onmessage?.({ data: message }))
scope.postMessage = (message, transfer) => relay.reply(message, transfer)
scope.importScripts(import.meta.env.VITE_DUCKDB_WORKER)

scope.onconnect = (event) => {
  const port = event.ports[0]
  if (!port) return
  port.onmessage = ({ data }: MessageEvent<EngineMessage | { type: 'AOS_CLOSE' }>) => {
    // Signing out ends the engine, so its tables do not outlive the session.
    if (data.type === 'AOS_CLOSE') scope.close()
    else relay.request(port, data as EngineMessage)
  }
  port.postMessage(relay.hello())
}
