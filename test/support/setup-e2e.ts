import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { serveRoutes, vendorRoutes } from '../../dev/vendors/vendor-routes.ts'
import { freePort } from '../../scripts/lib/free-port.ts'
import { generateApiKey, generateDataKey, generateSigningJwk } from '../../scripts/lib/local-secrets.ts'
import { startLocalStack } from '../../scripts/lib/local-stack.ts'
import { startWranglerDev } from '../../scripts/lib/wrangler-dev.ts'
import { chromiumMissing } from './browser.ts'

declare module 'vitest' {
  interface ProvidedContext {
    consoleUrl: string
    e2eSkipReason: string
    /** The stack's Postgres, also used as a tenant's "own" database for the Postgres source. */
    sourceDatabaseUrl: string
    /**
     * The vendors' stand-ins: Salesforce's login URL is `${salesforceUrl}/salesforce`, AOD's `${salesforceUrl}/aod`,
     * the mailbox `${salesforceUrl}/mailbox/messages?to=…`.
     */
    salesforceUrl: string
  }
}

/** The console end to end: the embedded stack and `wrangler dev` serving API and console, as `npm start` does. */
export default async function setup(project: TestProject) {
  const missing = chromiumMissing()
  project.provide('e2eSkipReason', missing ?? '')
  if (missing) return
  const stack = await startLocalStack({})
  const mailApiKey = generateApiKey()
  const salesforce = await serveRoutes(await freePort(), vendorRoutes({ mailApiKey }))
  const persist = mkdtempSync(join(tmpdir(), 'aos-e2e-'))
  const port = await freePort()
  const worker = await startWranglerDev({
    port,
    quiet: true,
    persistTo: persist,
    vars: {
      ...stack.bindings,
      JWT_PRIVATE_JWK: await generateSigningJwk(),
      DATA_ENCRYPTION_KEY: generateDataKey(),
      ALLOW_LOOPBACK_URLS: 'true',
      EMAIL_API_URL: `${salesforce.url}/resend`,
      EMAIL_API_KEY: mailApiKey,
      APP_URL: `http://127.0.0.1:${port}`,
    },
  }).catch(async (error) => {
    await salesforce.stop()
    await stack.stop()
    throw error
  })
  project.provide('consoleUrl', worker.url)
  project.provide('sourceDatabaseUrl', stack.adminDatabaseUrl)
  project.provide('salesforceUrl', salesforce.url)
  return async () => {
    await worker.stop()
    await salesforce.stop()
    await stack.stop()
    rmSync(persist, { recursive: true, force: true })
  }
}
