/**
 * `npm start`: the whole platform on its embedded defaults — Postgres (DATABASE_URL or PGlite in
 * .data/), the Neon WebSocket proxy, Redis (REDIS_URL or in-process) behind an Upstash REST endpoint,
 * guarded migrations, local stand-ins for Slack, Salesforce, Airbyte, email (with a dev inbox) and the
 * OpenAI API, the demo seed, then `wrangler dev`. Ctrl-C stops everything. LLM calls are answered offline
 * unless LLM_PROVIDER=openai: with LLM_BASE_URL and LLM_API_KEY they go there, without LLM_BASE_URL to the
 * OpenAI stand-in (the real SDK path, no account).
 */
import { join } from 'node:path'
import { FakeMongoServer, sampleData } from '../dev/vendors/mongodb.ts'
import { serveRoutes, vendorRoutes } from '../dev/vendors/vendor-routes.ts'
import { configuredCrons, startCronTicker } from './lib/cron-ticker.ts'
import { seedDemoSources } from './lib/demo-sources.ts'
import { generateApiKey, persistentDataKey, persistentSigningJwk } from './lib/local-secrets.ts'
import { startLocalStack } from './lib/local-stack.ts'
import { DEMO, seedDemo } from './lib/seed-demo.ts'
import { startWranglerDev } from './lib/wrangler-dev.ts'

const root = join(import.meta.dirname, '..')
const dataDir = join(root, '.data')
const port = Number(process.env.PORT ?? 8787)
const step = (text: string) => console.log(`\x1b[36m▸\x1b[0m ${text}`)

/** The LLM_* variables for the Worker: the caller's, with LLM_PROVIDER=openai and no base URL meaning the stand-in. */
function llmVars(env: NodeJS.ProcessEnv, standInUrl: string, standInKey: string): Record<string, string> {
  const vars: Record<string, string> = {}
  for (const [name, value] of Object.entries(env)) if (name.startsWith('LLM_') && value) vars[name] = value
  if (vars.LLM_PROVIDER === 'openai' && !vars.LLM_BASE_URL) {
    vars.LLM_BASE_URL = standInUrl
    vars.LLM_API_KEY = standInKey
  }
  return vars
}

const cleanups: (() => Promise<void>)[] = []
let stopping = false
async function shutdown(code: number) {
  if (stopping) return
  stopping = true
  console.log('\nstopping…')
  for (const fn of cleanups.reverse()) await fn().catch(() => {})
  process.exit(code)
}
process.on('SIGINT', () => void shutdown(0))
process.on('SIGTERM', () => void shutdown(0))

try {
  step('starting local services')
  const stack = await startLocalStack({
    ...(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : {}),
    ...(process.env.REDIS_URL ? { redisUrl: process.env.REDIS_URL } : {}),
    dataDir: join(dataDir, 'pglite'),
    log: (line) => console.log(`  ${line}`),
  })
  cleanups.push(stack.stop)

  // A fixed port, so the demo connections stored on the first start still reach the stand-ins after a restart.
  const vendorsPort = Number(process.env.VENDORS_PORT ?? port + 1)
  const inboxUrl = `http://127.0.0.1:${vendorsPort}/mailbox`
  // The Worker's email key, fresh per start; the mail stand-in accepts only this one.
  const mailApiKey = generateApiKey()
  // And the OpenAI stand-in's, used when LLM_PROVIDER=openai names no LLM_BASE_URL.
  const llmApiKey = generateApiKey()
  const vendors = await serveRoutes(
    vendorsPort,
    vendorRoutes({
      onSlack: (hook, payload) => console.log(`\x1b[35mslack\x1b[0m (${hook}) ${payload.text}`),
      mailApiKey,
      onMail: (mail) => console.log(`\x1b[35mmail\x1b[0m  to ${mail.to}: ${mail.subject}  (${inboxUrl})`),
      llmApiKey,
    }),
  ).catch((error: unknown) => {
    throw new Error(
      `port ${vendorsPort} for the Slack, Salesforce and Airbyte stand-ins is taken (set VENDORS_PORT): ${error}`,
    )
  })
  cleanups.push(vendors.stop)
  console.log(`  vendors   Slack, Salesforce, Airbyte, AOD, email and OpenAI stand-ins at ${vendors.url}`)
  const llm = llmVars(process.env, `${vendors.url}/openai/v1`, llmApiKey)
  console.log(
    `  llm       ${llm.LLM_PROVIDER === 'openai' ? `openai at ${llm.LLM_BASE_URL}` : 'offline (set LLM_PROVIDER=openai for the SDK path)'}`,
  )
  const mongo = new FakeMongoServer({ port: Number(process.env.MONGO_PORT ?? port + 2), data: sampleData() })
  await mongo.start().catch((error: unknown) => {
    throw new Error(`port ${mongo.port || port + 2} for the MongoDB stand-in is taken (set MONGO_PORT): ${error}`)
  })
  cleanups.push(() => mongo.stop())
  console.log(`  mongodb   MongoDB stand-in (wire protocol) at ${mongo.uri}`)
  const dataKey = persistentDataKey(join(dataDir, 'data-encryption.key'))

  step('seeding the demo tenant')
  const demo = await seedDemo(stack.adminDatabaseUrl, { webhookUrl: `${vendors.url}/slack/services/demo`, dataKey })
  console.log(`  ${demo.createdTenant ? 'created' : 'kept'} ${DEMO.tenantName} (${demo.tenantId})`)

  step(`starting the API (wrangler dev) on port ${port}`)
  const worker = await startWranglerDev({
    port,
    persistTo: join(dataDir, 'wrangler'),
    vars: {
      ...stack.bindings,
      JWT_PRIVATE_JWK: await persistentSigningJwk(join(dataDir, 'jwt-private.jwk')),
      DATA_ENCRYPTION_KEY: dataKey,
      ALLOW_LOOPBACK_URLS: 'true',
      EMAIL_API_URL: `${vendors.url}/resend`,
      EMAIL_API_KEY: mailApiKey,
      APP_URL: `http://127.0.0.1:${port}`,
      ...llm,
    },
  })
  cleanups.push(worker.stop)
  // Scheduled syncs fire as in production: the scheduled handler on every Cron Trigger, each minute.
  const crons = configuredCrons()
  const ticker = startCronTicker(worker.url, { crons, log: (line) => console.log(`\x1b[33mcron\x1b[0m  ${line}`) })
  cleanups.push(async () => ticker.stop())
  console.log(`  cron      the scheduled handler runs on ${crons.join(', ')} (UTC), as Cron Triggers do`)
  worker.child.once('exit', (code) => {
    if (!stopping) {
      console.error(`wrangler dev exited (code ${code}); stopping the rest.`)
      void shutdown(1)
    }
  })

  step('demo sources (first start only)')
  await seedDemoSources(worker.url, DEMO, { vendors: vendors.url, mongo: mongo.uri }, (line) =>
    console.log(`  ${line}`),
  ).catch((error) => console.log(`  skipped: ${error instanceof Error ? error.message : error}`))

  console.log(`
\x1b[32mAutonomOS is running\x1b[0m
  Console    ${worker.url}
  API        ${worker.url}/v1
  API docs   ${worker.url}/docs   (OpenAPI: ${worker.url}/openapi.json)
  Health     ${worker.url}/readyz
  Dev inbox  ${inboxUrl}   (emails the platform sends land here)
  Postgres   ${stack.adminDatabaseUrl}
  Stand-ins  ${vendors.url}  (Slack /slack, Salesforce /salesforce, Airbyte /airbyte, AOD /aod, email /resend, OpenAI /openai/v1)
             ${mongo.uri}  (MongoDB)
  Demo login ${DEMO.email} / ${DEMO.password}

  Try:  curl -s -X POST ${worker.url}/v1/auth/login -H 'content-type: application/json' \\
          -d '{"email":"${DEMO.email}","password":"${DEMO.password}"}'
Press Ctrl-C to stop.`)
} catch (error) {
  console.error(`\nnpm start failed: ${error instanceof Error ? error.message : error}`)
  console.error('Nothing is left running. If a port is taken, set PORT=…; to reset local data, delete .data/.')
  await shutdown(1)
}
