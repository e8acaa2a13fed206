export interface SseMessage {
  id: string | undefined
  event: string | undefined
  data: string
}

/** Reads SSE frames from a fetch Response body (what EventSource does), skipping comments. */
export function sseReader(res: Response) {
  const reader = (res.body as ReadableStream<Uint8Array>).getReader()
  const decoder = new TextDecoder()
  let buffer = ''
  const queue: SseMessage[] = []

  async function next(timeoutMs = 10_000): Promise<SseMessage> {
    const deadline = Date.now() + timeoutMs
    while (queue.length === 0) {
      const remaining = deadline - Date.now()
      if (remaining <= 0) throw new Error('no SSE message in time')
      const chunk = await Promise.race([
        reader.read(),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no SSE message in time')), remaining)),
      ])
      if (chunk.done) throw new Error('SSE stream ended')
      buffer += decoder.decode(chunk.value, { stream: true })
      let end = buffer.indexOf('\n\n')
      while (end >= 0) {
        const frame = buffer.slice(0, end)
        buffer = buffer.slice(end + 2)
        const lines = frame.split('\n').filter((l) => !l.startsWith(':'))
        const field = (name: string) => lines.find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2)
        const data = lines.filter((l) => l.startsWith('data: ')).map((l) => l.slice(6))
        if (data.length > 0) queue.push({ id: field('id'), event: field('event'), data: data.join('\n') })
        end = buffer.indexOf('\n\n')
      }
    }
    return queue.shift() as SseMessage
  }

  return { next, close: () => reader.cancel().catch(() => {}) }
}
