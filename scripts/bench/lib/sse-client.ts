import { type ClientRequest, request } from 'node:http'

/** A bare SSE client on node:http (no pooling limits), calling `onEvent` with each parsed data frame. */
export function openSse(url: string, token: string, onEvent: (data: string) => void): Promise<ClientRequest> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
      agent: false,
    })
    req.on('response', (res) => {
      if (res.statusCode !== 200) {
        reject(new Error(`SSE answered ${res.statusCode}`))
        return
      }
      let buffer = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => {
        buffer += chunk
        let end = buffer.indexOf('\n\n')
        while (end >= 0) {
          const frame = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          const data = frame
            .split('\n')
            .filter((l) => l.startsWith('data: '))
            .map((l) => l.slice(6))
            .join('\n')
          if (data) onEvent(data)
          end = buffer.indexOf('\n\n')
        }
      })
      resolve(req)
    })
    req.on('error', reject)
    req.end()
  })
}
