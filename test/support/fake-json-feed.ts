import type { Route } from '../../dev/vendors/vendor-routes.ts'

/**
 * A stand-in for public JSON endpoints (the `http_json` connector), mounted under `/json-feed`: a test
 * `PUT`s any body to `/json-feed/<name>`, and `GET /json-feed/<name>` answers it as JSON (404 until then).
 */
export function createFakeJsonFeed(): Route {
  const feeds = new Map<string, string>()
  return async (req, res, body) => {
    const name = /^\/json-feed\/([\w-]+)$/.exec(req.url ?? '')?.[1]
    if (!name) return false
    if (req.method === 'PUT') {
      feeds.set(name, body)
      res.writeHead(204).end()
    } else if (req.method === 'GET' && feeds.has(name)) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(feeds.get(name))
    } else res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"no such feed"}')
    return true
  }
}
