// An embedded knowledge-base store for offline measurement (`aos search`, `npm run bench -- retrieval`):
// in-memory PGlite with pgvector (or a fresh database on a real PostgreSQL server, the production shape),
// migrated with the project's migrations, reached through the Neon driver and the WebSocket proxy exactly
// as the Worker reaches it, with one tenant and the offline LLM provider.
import { randomUUID } from 'node:crypto'
import { tenants } from '../../db/schema/index.ts'
import { type Db, openDatabase } from '../../workers/adapters/db/client.ts'
import type { LlmProvider } from '../../workers/core/llm/port.ts'
import { kbEmbeddingProvider } from '../../workers/services/kb/kb-embedding-provider.ts'
import { type RunningPostgres, startEmbeddedPostgres } from './embedded-postgres.ts'
import { freePort } from './free-port.ts'
import { freshDatabase } from './fresh-database.ts'
import { migrate } from './migrate.ts'
import { startNeonWsProxy } from './neon-ws-proxy.ts'

export interface EmbeddedKb {
  db: Db
  llm: LlmProvider
  tenantId: string
  stop(): Promise<void>
}

/** `databaseUrl`: a database to (re)create on a real server instead of the in-memory PGlite. */
export async function startEmbeddedKb(options: { databaseUrl?: URL } = {}): Promise<EmbeddedKb> {
  const postgres: RunningPostgres = options.databaseUrl
    ? { url: await freshDatabase(options.databaseUrl, 'The knowledge-base store'), stop: async () => {} }
    : await startEmbeddedPostgres({ port: await freePort() })
  const proxy = await startNeonWsProxy(await freePort())
  try {
    const migrated = await migrate(postgres.url)
    if (!migrated.ok) throw new Error('embedded store: migrations refused')
    const { db, close } = openDatabase(postgres.url, `127.0.0.1:${proxy.port}`)
    const tenantId = randomUUID()
    await db.insert(tenants).values({ id: tenantId, name: 'search' })
    // The provider as the Worker builds it for the knowledge base, with the default configuration.
    const llm = kbEmbeddingProvider(
      {
        LLM_PROVIDER: 'offline',
        LLM_BASE_URL: 'https://api.openai.com/v1',
        LLM_MODEL: 'gpt-4o-mini',
        LLM_EMBEDDING_MODEL: 'text-embedding-3-small',
        LLM_TIMEOUT_MS: 30_000,
        LLM_MAX_RETRIES: 3,
        LLM_MAX_TOKENS_PER_CALL: 32_000,
      },
      tenantId,
    )
    return {
      db,
      llm,
      tenantId,
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
