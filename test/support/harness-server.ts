import { type Route, serveRoutes, vendorRoutes } from '../../dev/vendors/vendor-routes.ts'
import { hashPasswordNode, verifyPasswordNode } from '../../scripts/lib/password.ts'
import { createFakeJsonFeed } from './fake-json-feed.ts'

/** @node-rs/argon2, which cannot run in workerd, for the hash interop tests. */
const argon2: Route = async (req, res, raw) => {
  if (req.url !== '/argon2/hash' && req.url !== '/argon2/verify') return false
  const body = JSON.parse(raw || '{}') as { password?: string; hash?: string }
  const reply = (status: number, value: unknown) =>
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value))
  if (req.url === '/argon2/hash' && body.password) reply(200, { hash: await hashPasswordNode(body.password) })
  else if (body.password && body.hash) reply(200, { valid: await verifyPasswordNode(body.hash, body.password) })
  else reply(400, { error: 'password (and hash to verify) required' })
  return true
}

/**
 * Node-side helpers that tests inside workerd call over loopback: argon2, and the stand-ins for Slack
 * webhooks, Salesforce's REST API, an Airbyte server, email (mailbox at /mailbox, accepting only
 * `mailApiKey`), the OpenAI API (/openai, any key) and public JSON endpoints (/json-feed). Small Salesforce pages, so a test sees a sync
 * follow nextRecordsUrl across several of them.
 */
export const startHarness = (port: number, mailApiKey: string) =>
  serveRoutes(port, [...vendorRoutes({ salesforcePageSize: 25, mailApiKey }), createFakeJsonFeed(), argon2])
