// Server-Sent Events from a fetch Response (EventSource cannot POST or send a bearer token): one
// `{event, data}` per frame, comments skipped, as the bytes arrive.
export interface SseFrame {
  event: string
  data: string
}

export async function* sseFrames(res: Response): AsyncGenerator<SseFrame> {
  if (!res.body) return
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader()
  let buffer = ''
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return
    buffer += value.replaceAll('\r\n', '\n')
    for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
      const lines = buffer.slice(0, end).split('\n')
      buffer = buffer.slice(end + 2)
      const data = lines.filter((l) => l.startsWith('data:')).map((l) => l.slice(5).replace(/^ /, ''))
      const event =
        lines
          .find((l) => l.startsWith('event:'))
          ?.slice(6)
          .trim() ?? 'message'
      if (data.length > 0) yield { event, data: data.join('\n') }
    }
  }
}
