import type { Context } from 'hono'
import { type Actor, auditActor } from '../services/audit-actor.ts'
import type { AppEnv } from './app-env.ts'

/** The audit actor of the request being handled: its principal and its request id. */
export const requestActor = (c: Context<AppEnv>): Actor => ({
  ...auditActor(c.get('principal')),
  requestId: c.get('requestId'),
})
