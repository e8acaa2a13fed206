import { createServer } from 'node:http'
import { createFakeAirbyte } from '../../scripts/lib/fake-airbyte.ts'
import { createFakeSalesforce } from '../../scripts/lib/fake-salesforce.ts'
import { createFakeSlack } from '../../scripts/lib/fake-slack.ts'
import { hashPasswordNode, verifyPasswordNode } from '../../scripts/lib/password.ts'

/**
 * Node-side helpers that tests inside workerd call over loopback: @node-rs/argon2 (which cannot run
 * in workerd) for the hash interop tests, and the stand-ins for Slack webhooks, Salesforce's REST API and an Airbyte server.
 */
export async function startHarness(port: number) {
  const slack = createFakeSlack()
  // Small pages, so a test sees a sync follow nextRecordsUrl across several of them.
  const salesforce = createFakeSalesforce({ pageSize: 25 })
  const airbyte = createFakeAirbyte()
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const raw = Buffer.concat(chunks).toString('utf8')
    if (await slack(req, res, raw)) return
    if (await salesforce(req, res, raw)) return
    if (await airbyte(req, res, raw)) return
    const body = JSON.parse(raw || '{}') as { password?: string; hash?: string }
    const reply = (value: unknown) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(value))
    if (req.url === '/argon2/hash' && body.password) return reply({ hash: await hashPasswordNode(body.password) })
    if (req.url === '/argon2/verify' && body.password && body.hash) {
      return reply({ valid: await verifyPasswordNode(body.hash, body.password) })
    }
    res.writeHead(404).end()
  })
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
