import type { IncomingMessage, ServerResponse } from 'node:http'

/**
 * A stand-in for Slack incoming webhooks (https://api.slack.com/messaging/webhooks): `POST
 * /slack/services/<id>` answers 200 "ok" and records the JSON payload; `POST /slack/fail/<id>`
 * answers 404 "no_service" as Slack does for a removed webhook; `GET /slack/received/<id>` lists
 * what a hook received. Used by tests and by `npm start`.
 */
export function createFakeSlack(onMessage: (hook: string, payload: { text: string }) => void = () => {}) {
  const received = new Map<string, unknown[]>()
  return async function fakeSlack(req: IncomingMessage, res: ServerResponse, body: string): Promise<boolean> {
    const match = /^\/slack\/(services|fail|received)\/([\w-]+)$/.exec(req.url ?? '')
    if (!match) return false
    const [, action, id] = match as unknown as [string, string, string]
    if (action === 'received' && req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(received.get(id) ?? []))
      return true
    }
    if (req.method !== 'POST') {
      res.writeHead(405).end('method_not_allowed')
      return true
    }
    if (action === 'fail') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('no_service')
      return true
    }
    let payload: unknown
    try {
      payload = JSON.parse(body)
    } catch {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('invalid_payload')
      return true
    }
    if (typeof payload !== 'object' || payload === null || typeof (payload as { text?: unknown }).text !== 'string') {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('no_text')
      return true
    }
    received.set(id, [...(received.get(id) ?? []), payload])
    onMessage(id, payload as { text: string })
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ok')
    return true
  }
}
