import type { Context } from 'hono'

/** Work that may finish after the response (waitUntil); detached when there is no execution context (app.request). */
export function runInBackground(c: Context, work: Promise<unknown>) {
  try {
    c.executionCtx.waitUntil(work)
  } catch {
    // app.request in tests has no execution context: the promise still runs.
  }
}
