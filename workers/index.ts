import { createApp } from './api/index.ts'
import type { Env } from './env.ts'

export type { Env }

const app = createApp()

export default {
  fetch: (request, env, ctx) => app.fetch(request, env, ctx),
} satisfies ExportedHandler<Env>
