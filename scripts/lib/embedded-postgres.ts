import { mkdirSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import { vector } from '@electric-sql/pglite-pgvector'
import { servePglite } from './pglite-wire-server.ts'

export interface RunningPostgres {
  url: string
  stop(): Promise<void>
}

/**
 * PGlite (with pgvector) served over the Postgres wire protocol, so every client (pg, drizzle-kit,
 * the Neon driver through the WebSocket proxy) talks to it exactly as to a real server.
 * `dataDir` undefined keeps it in memory (tests).
 */
export async function startEmbeddedPostgres(options: { dataDir?: string; port: number }): Promise<RunningPostgres> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true })
  const db = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    extensions: { vector },
  })
  const server = await servePglite(db, options.port)
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${options.port}/postgres`,
    async stop() {
      await server.close()
      await db.close()
    },
  }
}
