import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../app-env.ts'

/** For answers that carry a secret (tokens, API keys): no browser or proxy may keep a copy. */
export const noStore = () =>
  createMiddleware<AppEnv>(async function noStore(c, next) {
    await next()
    c.header('Cache-Control', 'no-store')
  })
