import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { createFakeAirbyte } from './airbyte.ts'
import { createFakeAod } from './aod.ts'
import { createFakeMail, type MailboxMessage } from './mail.ts'
import { createFakeOpenAi } from './openai.ts'
import { createFakeSalesforce } from './salesforce/server.ts'
import { createFakeSlack } from './slack.ts'

/** A stand-in's routes: answers and returns true when the path is its own, else false. */
export type Route = (req: IncomingMessage, res: ServerResponse, body: string) => Promise<boolean>

/** Serves routes on loopback; a path none of them owns is a 404. */
export async function serveRoutes(port: number, routes: readonly Route[]) {
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const body = Buffer.concat(chunks).toString('utf8')
    for (const route of routes) if (await route(req, res, body)) return
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found')
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', resolve)
  })
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/**
 * The third-party services the platform talks to, as local stand-ins speaking their documented APIs:
 * Slack webhooks under /slack, Salesforce's REST API under /salesforce, an Airbyte server under /airbyte,
 * the asset-discovery (AOD) service under /aod, Resend and Postmark under /resend and /postmark with their
 * mailbox under /mailbox (only `mailApiKey` is accepted when given), and the OpenAI API (chat completions
 * with structured output, embeddings) under /openai/v1 with its request log under /openai/requests (only
 * `llmApiKey` is accepted when given).
 */
export function vendorRoutes(
  options: {
    salesforcePageSize?: number
    onSlack?: (hook: string, payload: { text: string }) => void
    mailApiKey?: string
    onMail?: (message: MailboxMessage) => void
    llmApiKey?: string
  } = {},
): Route[] {
  return [
    createFakeSlack(options.onSlack),
    createFakeSalesforce(options.salesforcePageSize ? { pageSize: options.salesforcePageSize } : {}),
    createFakeAirbyte(),
    createFakeAod(),
    createFakeMail({
      ...(options.mailApiKey ? { apiKey: options.mailApiKey } : {}),
      ...(options.onMail ? { onMail: options.onMail } : {}),
    }),
    createFakeOpenAi(options.llmApiKey ? { apiKey: options.llmApiKey } : {}),
  ]
}
