// An embedded knowledge-base store for offline measurement (`aos search`, `npm run bench -- retrieval`):
// in-memory PGlite with pgvector, migrated with the project's migrations, reached through the Neon driver
// and the WebSocket proxy exactly as the Worker reaches it, with one tenant and the offline LLM provider.
import { randomUUID } from 'node:crypto'
import { tenants } from '../../db/schema/index.ts'
import { type Db, openDatabase } from '../../workers/adapters/db/client.ts'
import { createOfflineProvider } from '../../workers/adapters/llm/offline.ts'
import type { LlmProvider } from '../../workers/core/llm/port.ts'
import { redact } from '../../workers/core/nlp/redaction/redact.ts'
import { startEmbeddedPostgres } from './embedded-postgres.ts'
import { freePort } from './free-port.ts'
import { migrate } from './migrate.ts'
import { startNeonWsProxy } from './neon-ws-proxy.ts'

export interface EmbeddedKb {
  db: Db
  llm: LlmProvider
  tenantId: string
  /** Another tenant, for checks that nothing crosses. */
  newTenant(name: string): Promise<string>
  stop(): Promise<void>
}

export async function startEmbeddedKb(): Promise<EmbeddedKb> {
  const postgres = await startEmbeddedPostgres({ port: await freePort() })
  const proxy = await startNeonWsProxy(await freePort())
  try {
    const migrated = await migrate(postgres.url)
    if (!migrated.ok) throw new Error('embedded store: migrations refused')
    const { db, close } = openDatabase(postgres.url, `127.0.0.1:${proxy.port}`)
    const newTenant = async (name: string) => {
      const id = randomUUID()
      await db.insert(tenants).values({ id, name })
      return id
    }
    const tenantId = await newTenant('search')
    // The provider as the Worker builds it: every text to embed goes through the PII redactor first.
    const llm = createOfflineProvider({
      tenantId,
      redact: (text) => redact(text),
      budget: { check: () => ({ ok: true }) },
    })
    return {
      db,
      llm,
      tenantId,
      newTenant,
      async stop() {
        await close()
        await proxy.stop()
        await postgres.stop()
      },
    }
  } catch (e) {
    await proxy.stop()
    await postgres.stop()
    throw e
  }
}
