import { createApp } from './api/index.ts'
import type { Env } from './env.ts'
import { handleQueue } from './queues/index.ts'
import { runScheduledSyncs } from './scheduled/sync-schedules.ts'

export { TenantHub } from '../durable-objects/tenant-hub.ts'
export type { Env }

const app = createApp()

export default {
  fetch: (request, env, ctx) => app.fetch(request, env, ctx),
  queue: (batch, env, ctx) => handleQueue(batch, env, ctx),
  scheduled: (controller, env, ctx) => ctx.waitUntil(runScheduledSyncs(env, controller.scheduledTime)),
} satisfies ExportedHandler<Env, unknown>
