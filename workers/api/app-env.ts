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
  }
}

export type App = OpenAPIHono<AppEnv>
