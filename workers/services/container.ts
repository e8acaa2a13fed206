import type { Redis } from '@upstash/redis'
import { type Db, openDatabase } from '../adapters/db/client.ts'
import { createMailer, type Mailer } from '../adapters/email.ts'
import { type KeyMaterial, keyMaterial } from '../adapters/jwt.ts'
import { createLogger, type Logger } from '../adapters/logger.ts'
import { openRedis } from '../adapters/redis.ts'
import { type Config, type Env, parseConfig } from '../env.ts'
import { createTenantLlm, type TenantLlm, type TenantLlmOptions } from './llm/create-tenant-llm.ts'

/** What one unit of work (a request, a queue batch, a cron run) reaches the outside world through. */
export interface Services {
  config: Config
  /** Bindings (Durable Objects, Queues) for the adapters that need them. */
  env: Env
  log: Logger
  /** Opened on first use and closed after the response; routes that never touch it pay nothing. */
  readonly db: Db
  readonly redis: Redis
  /** Account emails; throws EmailError when the provider refuses or is unreachable. */
  readonly mailer: Mailer
  keys(): Promise<KeyMaterial>
  /**
   * The LLM gateway for one tenant and feature (services/llm/create-tenant-llm.ts): every LLM call of the
   * product goes through one, so it is redacted, budgeted and counted. One per unit of work: its
   * placeholder map re-identifies that work's answers only.
   */
  llm(tenantId: string, feature: string, options?: TenantLlmOptions): TenantLlm
}

/**
 * Services for one request or one queue batch; connections open lazily. `close()` must run when the
 * unit of work ends (Workers may not share sockets across requests).
 */
export function buildServices(env: Env, logFields: Record<string, unknown>): Services & { close(): Promise<void> } {
  const config = parseConfig(env)
  let database: ReturnType<typeof openDatabase> | undefined
  let redis: Services['redis'] | undefined
  let mailer: Services['mailer'] | undefined
  const services: Services & { close(): Promise<void> } = {
    config,
    env,
    log: createLogger(logFields),
    get db(): Db {
      database ??= openDatabase(config.database.url, config.DB_WS_PROXY, config.database.provider)
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
    llm: (tenantId, feature, options) => createTenantLlm(services, tenantId, feature, options),
    // Bounded: a queue batch is only reported once its waitUntil work settles, so a hung close must not hang it.
    close: async () => {
      if (!database) return
      await Promise.race([database.close().catch(() => {}), new Promise((resolve) => setTimeout(resolve, 2000))])
    },
  }
  return services
}
