import type { OpenAPIHono } from '@hono/zod-openapi'
import type { Redis } from '@upstash/redis'
import type { Db } from '../adapters/db/client.ts'
import type { Mailer } from '../adapters/email.ts'
import type { KeyMaterial } from '../adapters/jwt.ts'
import type { Logger } from '../adapters/logger.ts'
import type { Role } from '../core/auth/roles.ts'
import type { Config, Env } from '../env.ts'

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
}

export type Principal =
  | { kind: 'user'; userId: string; email: string; role: Role; tenantName: string; sessionId: string }
  | { kind: 'api_key'; keyId: string; userId: string; role: Role }
  /** A 60-second token that only opens /v1/events streams. */
  | { kind: 'stream'; userId: string; role: Role }

export interface AppEnv {
  Bindings: Env
  Variables: {
    requestId: string
    services: Services
    principal: Principal
    tenantId: string
  }
}

export type App = OpenAPIHono<AppEnv>
