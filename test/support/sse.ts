import { type SseFrame, sseFrameParser } from '../../app/lib/sse-frames.ts'

/** Reads SSE frames from a fetch Response body (what EventSource does), with a deadline per frame. */
export function sseReader(res: Response) {
  const reader = (res.body as ReadableStream<Uint8Array>).getReader()
  const decoder = new TextDecoder()
  const parse = sseFrameParser()
  const queue: SseFrame[] = []

  async function next(timeoutMs = 10_000): Promise<SseFrame> {
    const deadline = Date.now() + timeoutMs
    while (queue.length === 0) {
      const remaining = deadline - Date.now()
      if (remaining <= 0) throw new Error('no SSE message in time')
      let timer: ReturnType<typeof setTimeout> | undefined
      const chunk = await Promise.race([
        reader.read(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('no SSE message in time')), remaining)
        }),
      ]).finally(() => clearTimeout(timer))
      if (chunk.done) throw new Error('SSE stream ended')
      queue.push(...parse(decoder.decode(chunk.value, { stream: true })))
    }
    return queue.shift() as SseFrame
  }

  return { next, close: () => reader.cancel().catch(() => {}) }
}
