import type { OpenAPIHono } from '@hono/zod-openapi'
import type { Env } from '../env.ts'
import type { Principal } from '../services/auth/principal.ts'
import type { Services } from '../services/container.ts'

export interface AppEnv {
  Bindings: Env
  Variables: {
    requestId: string
    services: Services
    principal: Principal
    tenantId: string
    /** A response that keeps working after the handler returns (a stream) sets this: services close after it. */
    servicesInUseUntil?: Promise<unknown>
  }
}

export type App = OpenAPIHono<AppEnv>
