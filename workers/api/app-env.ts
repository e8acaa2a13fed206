import type { OpenAPIHono } from '@hono/zod-openapi'
import type { Role } from '../contract/vocabulary/roles.ts'
import type { Env } from '../env.ts'
import type { Services } from '../services/container.ts'

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
