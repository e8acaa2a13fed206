import { describe, expect, it } from 'vitest'
import { createRelay, type EngineMessage } from '../../../app/lib/duckdb-relay.ts'

/** A page's end of the shared worker: what it was sent. */
const page = () => {
  const received: EngineMessage[] = []
  return { received, postMessage: (message: unknown) => received.push(message as EngineMessage) }
}

/** An engine that records its requests; the test answers them as the engine's worker would. */
const setUp = () => {
  const requests: EngineMessage[] = []
  const relay = createRelay((message) => requests.push(message))
  const answer = (request: EngineMessage, type: string, data: unknown = null) =>
    relay.reply({ messageId: 900 + request.messageId, requestId: request.messageId, type, data })
  return { relay, requests, answer }
}
const flush = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('the shared DuckDB engine relay', () => {
  it('sends each reply to the page that asked, under that page’s own request id', () => {
    const { relay, requests, answer } = setUp()
    const one = page()
    const two = page()
    // Both pages number their requests from 0, as every AsyncDuckDB does.
    relay.request(one, { messageId: 0, type: 'CONNECT', data: null })
    relay.request(two, { messageId: 0, type: 'CONNECT', data: null })
    expect(new Set(requests.map((r) => r.messageId)).size).toBe(2)
    answer(requests[1] as EngineMessage, 'CONNECTION_INFO', 7)
    answer(requests[0] as EngineMessage, 'CONNECTION_INFO', 3)
    expect(one.received).toEqual([expect.objectContaining({ requestId: 0, type: 'CONNECTION_INFO', data: 3 })])
    expect(two.received).toEqual([expect.objectContaining({ requestId: 0, type: 'CONNECTION_INFO', data: 7 })])
  })

  it('starts the engine once: a later page gets the first start’s answer, and learns the engine is running', async () => {
    const { relay, requests, answer } = setUp()
    const one = page()
    const two = page()
    expect(relay.hello()).toEqual({ type: 'AOS_HOST', running: false })
    relay.request(one, { messageId: 0, type: 'INSTANTIATE', data: ['/duckdb.wasm', null] })
    relay.request(two, { messageId: 5, type: 'INSTANTIATE', data: ['/duckdb.wasm', null] })
    expect(requests.map((r) => r.type)).toEqual(['INSTANTIATE'])
    // Progress goes to the page whose request started the engine, and is not its answer.
    answer(requests[0] as EngineMessage, 'INSTANTIATE_PROGRESS', { bytesLoaded: 1 })
    answer(requests[0] as EngineMessage, 'OK')
    await flush()
    expect(one.received.map((m) => [m.requestId, m.type])).toEqual([
      [0, 'INSTANTIATE_PROGRESS'],
      [0, 'OK'],
    ])
    expect(two.received.map((m) => [m.requestId, m.type])).toEqual([[5, 'OK']])
    relay.request(one, { messageId: 1, type: 'OPEN', data: {} })
    answer(requests[1] as EngineMessage, 'OK')
    relay.request(two, { messageId: 6, type: 'OPEN', data: {} })
    await flush()
    expect(requests.map((r) => r.type)).toEqual(['INSTANTIATE', 'OPEN'])
    expect(two.received.at(-1)).toMatchObject({ requestId: 6, type: 'OK' })
    expect(relay.hello()).toEqual({ type: 'AOS_HOST', running: true })
  })

  it('forgets a failed start, so the next page tries again', async () => {
    const { relay, requests, answer } = setUp()
    const one = page()
    const waiting = page()
    relay.request(one, { messageId: 0, type: 'INSTANTIATE', data: [] })
    relay.request(waiting, { messageId: 0, type: 'INSTANTIATE', data: [] })
    answer(requests[0] as EngineMessage, 'ERROR', { message: 'could not compile' })
    await flush()
    expect(waiting.received).toEqual([expect.objectContaining({ type: 'ERROR' })])
    expect(relay.hello().running).toBe(false)
    const next = page()
    relay.request(next, { messageId: 0, type: 'INSTANTIATE', data: [] })
    expect(requests.map((r) => r.type)).toEqual(['INSTANTIATE', 'INSTANTIATE'])
  })

  it('drops the engine’s log lines and replies to no request', () => {
    const { relay } = setUp()
    const one = page()
    relay.request(one, { messageId: 0, type: 'CONNECT', data: null })
    relay.reply({ messageId: 1, requestId: 0, type: 'LOG', data: 'noise' })
    relay.reply({ messageId: 2, type: 'LOG', data: 'noise' })
    expect(one.received).toEqual([])
  })
})
