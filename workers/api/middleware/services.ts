import { createMiddleware } from 'hono/factory'
import { type Db, openDatabase } from '../../adapters/db/client.ts'
import { keyMaterial } from '../../adapters/jwt.ts'
import { createLogger } from '../../adapters/logger.ts'
import { openRedis } from '../../adapters/redis.ts'
import { parseConfig } from '../../env.ts'
import type { AppEnv, Services } from '../app-env.ts'

/** Builds the request's services; connections open lazily and close after the response. */
export const services = () =>
  createMiddleware<AppEnv>(async function services(c, next) {
    const config = parseConfig(c.env)
    let database: ReturnType<typeof openDatabase> | undefined
    let redis: Services['redis'] | undefined
    const built: Services = {
      config,
      log: createLogger({ request_id: c.get('requestId') }),
      get db(): Db {
        database ??= openDatabase(config.DATABASE_URL, config.DB_WS_PROXY)
        return database.db
      },
      get redis() {
        redis ??= openRedis(config.UPSTASH_REDIS_REST_URL, config.UPSTASH_REDIS_REST_TOKEN)
        return redis
      },
      keys: () => keyMaterial(config.JWT_PRIVATE_JWK, config.JWT_PREVIOUS_PUBLIC_JWKS),
    }
    c.set('services', built)
    try {
      await next()
    } finally {
      if (database) {
        const closing = database.close().catch(() => {})
        try {
          c.executionCtx.waitUntil(closing)
        } catch {
          // No execution context (app.request in unit tests): the close just runs detached.
        }
      }
    }
  })
