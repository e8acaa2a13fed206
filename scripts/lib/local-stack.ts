import { startEmbeddedPostgres } from './embedded-postgres.ts'
import { freePort } from './free-port.ts'
import { migrate } from './migrate.ts'
import { startNeonWsProxy } from './neon-ws-proxy.ts'
import { startUpstashShim } from './upstash-shim.ts'

export interface LocalStack {
  /** What the Worker needs as bindings to reach this stack. */
  bindings: {
    DATABASE_URL: string
    DB_WS_PROXY: string
    UPSTASH_REDIS_REST_URL: string
    UPSTASH_REDIS_REST_TOKEN: string
  }
  /** A superuser URL for scripts (migrations, seed, tests); the Worker itself runs as aos_app. */
  adminDatabaseUrl: string
  describe: { postgres: string; redis: string }
  stop(): Promise<void>
}

/**
 * Postgres (DATABASE_URL or embedded PGlite), the Neon WebSocket proxy in front of it, Redis
 * (REDIS_URL or in-process) behind the Upstash REST shim, then guarded migrations.
 */
export async function startLocalStack(options: {
  databaseUrl?: string
  redisUrl?: string
  dataDir?: string
  log?: (line: string) => void
}): Promise<LocalStack> {
  const log = options.log ?? (() => {})
  const stops: (() => Promise<void>)[] = []
  const stop = async () => {
    for (const fn of stops.reverse()) await fn().catch(() => {})
  }
  try {
    let databaseUrl = options.databaseUrl
    if (!databaseUrl) {
      const pg = await startEmbeddedPostgres({
        port: await freePort(),
        ...(options.dataDir ? { dataDir: options.dataDir } : {}),
      })
      stops.push(pg.stop)
      databaseUrl = pg.url
      log(`postgres  embedded PGlite + pgvector (${options.dataDir ?? 'in memory'}) at ${pg.url}`)
    } else {
      log(`postgres  ${databaseUrl.replace(/:[^:@/]*@/, ':***@')}`)
    }
    const proxy = await startNeonWsProxy(await freePort())
    stops.push(proxy.stop)
    const upstash = await startUpstashShim({
      port: await freePort(),
      token: crypto.randomUUID(),
      ...(options.redisUrl ? { redisUrl: options.redisUrl } : {}),
    })
    stops.push(upstash.stop)
    log(`redis     ${options.redisUrl ?? 'in-process store'} behind Upstash REST at ${upstash.url}`)

    const outcome = await migrate(databaseUrl, { log: (line) => log(`migrate   ${line}`) })
    if (!outcome.ok) {
      const lines = outcome.refused.map((v) => `${v.file}: ${v.reason}`).join('\n  ')
      throw new Error(`migrations refused (destructive):\n  ${lines}\nRun npm run db:migrate -- --allow-destructive`)
    }
    return {
      bindings: {
        DATABASE_URL: databaseUrl,
        DB_WS_PROXY: `127.0.0.1:${proxy.port}`,
        UPSTASH_REDIS_REST_URL: upstash.url,
        UPSTASH_REDIS_REST_TOKEN: upstash.token,
      },
      adminDatabaseUrl: databaseUrl,
      describe: { postgres: databaseUrl, redis: options.redisUrl ?? 'in-process' },
      stop,
    }
  } catch (error) {
    await stop()
    throw error
  }
}
