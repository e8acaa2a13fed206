import { createMiddleware } from 'hono/factory'
import { type Db, openDatabase } from '../../adapters/db/client.ts'
import { createMailer } from '../../adapters/email.ts'
import { keyMaterial } from '../../adapters/jwt.ts'
import { createLogger } from '../../adapters/logger.ts'
import { openRedis } from '../../adapters/redis.ts'
import { type Env, parseConfig } from '../../env.ts'
import type { AppEnv, Services } from '../app-env.ts'
import { runInBackground } from '../run-in-background.ts'

/**
 * Services for one request or one queue batch; connections open lazily. `close()` must run when the
 * unit of work ends (Workers may not share sockets across requests).
 */
export function buildServices(env: Env, logFields: Record<string, unknown>): Services & { close(): Promise<void> } {
  const config = parseConfig(env)
  let database: ReturnType<typeof openDatabase> | undefined
  let redis: Services['redis'] | undefined
  let mailer: Services['mailer'] | undefined
  return {
    config,
    env,
    log: createLogger(logFields),
    get db(): Db {
      database ??= openDatabase(config.DATABASE_URL, config.DB_WS_PROXY)
      return database.db
    },
    get redis() {
      redis ??= openRedis(config.UPSTASH_REDIS_REST_URL, config.UPSTASH_REDIS_REST_TOKEN)
      return redis
    },
    get mailer() {
      mailer ??= createMailer(config)
      return mailer
    },
    keys: () => keyMaterial(config.JWT_PRIVATE_JWK, config.JWT_PREVIOUS_PUBLIC_JWKS),
    // Bounded: a queue batch is only reported once its waitUntil work settles, so a hung close must not hang it.
    close: async () => {
      if (!database) return
      await Promise.race([database.close().catch(() => {}), new Promise((resolve) => setTimeout(resolve, 2000))])
    },
  }
}

/** Builds the request's services and closes them after the response. */
export const services = () =>
  createMiddleware<AppEnv>(async function services(c, next) {
    const built = buildServices(c.env, { request_id: c.get('requestId') })
    c.set('services', built)
    try {
      await next()
    } finally {
      runInBackground(c, built.close())
    }
  })
