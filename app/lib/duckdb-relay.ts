// Lets several pages use one DuckDB engine (a page and its reload overlap): the engine's worker script
// answers one client (it numbers its replies by the request's `messageId`), so the shared worker that
// hosts it gives each request an id of its own and sends the reply back to the page that asked, under
// that page's id.

/** A request from AsyncDuckDB, or the engine's reply (`requestId` names the request it answers). */
export type EngineMessage = { messageId: number; requestId?: number; type: string; data: unknown }

export interface RelayPort {
  postMessage(message: unknown, transfer?: Transferable[]): void
}

/** Announced to each page as it connects: whether the engine it gets is already started. */
export type HostHello = { type: 'AOS_HOST'; running: boolean }

/**
 * The engine's start: each is run once for all pages, and a page that asks again gets the first answer
 * (a second INSTANTIATE would fail with "already initialized"; a second OPEN would reopen the database
 * under the pages using it). A failed start is forgotten, so the next page tries again.
 */
const START = ['INSTANTIATE', 'OPEN'] as const
type StartStep = (typeof START)[number]
const isStartStep = (type: string): type is StartStep => (START as readonly string[]).includes(type)

type Route = { port: RelayPort; id: number; step?: StartStep }

/** A start step's first answer, and what settles it when the engine replies. */
type Deferred = { reply: Promise<EngineMessage>; settle: (reply: EngineMessage) => void }
function deferred(): Deferred {
  let settle: Deferred['settle'] = () => {}
  const reply = new Promise<EngineMessage>((resolve) => {
    settle = resolve
  })
  return { reply, settle }
}

export function createRelay(toEngine: (message: EngineMessage) => void) {
  let nextId = 1
  const routes = new Map<number, Route>()
  const started = new Map<StartStep, Deferred>()
  const succeeded = new Set<StartStep>()

  const forward = (port: RelayPort, message: EngineMessage, step?: StartStep) => {
    const id = nextId++
    routes.set(id, { port, id: message.messageId, step })
    toEngine({ ...message, messageId: id })
  }

  return {
    hello: (): HostHello => ({ type: 'AOS_HOST', running: START.every((step) => succeeded.has(step)) }),

    /** A page's request. */
    request(port: RelayPort, message: EngineMessage) {
      if (!isStartStep(message.type)) return forward(port, message)
      const step = message.type
      const first = started.get(step)
      if (first) {
        void first.reply.then((reply) => port.postMessage({ ...reply, requestId: message.messageId }))
        return
      }
      started.set(step, deferred())
      forward(port, message, step)
    },

    /** The engine's reply, back to the page that asked; replies to nobody (its log lines) are dropped. */
    reply(message: EngineMessage, transfer: Transferable[] = []) {
      const route = message.requestId === undefined ? undefined : routes.get(message.requestId)
      if (!route) return
      const progress = message.type === 'INSTANTIATE_PROGRESS'
      if (!progress) routes.delete(message.requestId as number)
      if (route.step && !progress) {
        started.get(route.step)?.settle(message)
        if (message.type === 'ERROR') started.delete(route.step)
        else succeeded.add(route.step)
      }
      route.port.postMessage({ ...message, requestId: route.id }, transfer)
    },
  }
}
