// Server-Sent Events from a fetch Response (EventSource cannot POST or send a bearer token): one
// `{id, event, data}` per frame, comments skipped, as the bytes arrive. The browser tests read the
// platform's streams with the same parser, so both agree on what a frame is.
export interface SseFrame {
  id: string | undefined
  event: string
  data: string
}

/** A push parser: feed it text as it arrives, get back the frames it completes. */
export function sseFrameParser() {
  let buffer = ''
  return (text: string): SseFrame[] => {
    buffer += text.replaceAll('\r\n', '\n')
    const frames: SseFrame[] = []
    for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
      const lines = buffer.slice(0, end).split('\n')
      buffer = buffer.slice(end + 2)
      const field = (name: string) =>
        lines
          .find((l) => l.startsWith(`${name}:`))
          ?.slice(name.length + 1)
          .trim()
      const data = lines.filter((l) => l.startsWith('data:')).map((l) => l.slice(5).replace(/^ /, ''))
      if (data.length > 0) frames.push({ id: field('id'), event: field('event') ?? 'message', data: data.join('\n') })
    }
    return frames
  }
}

export async function* sseFrames(res: Response): AsyncGenerator<SseFrame> {
  if (!res.body) return
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader()
  const parse = sseFrameParser()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return
    yield* parse(value)
  }
}
