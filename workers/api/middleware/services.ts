import { createMiddleware } from 'hono/factory'
import { buildServices } from '../../services/container.ts'
import type { AppEnv } from '../app-env.ts'
import { runInBackground } from '../run-in-background.ts'

/** Builds the request's services and closes them after the response. */
export const services = () =>
  createMiddleware<AppEnv>(async function services(c, next) {
    const built = buildServices(c.env, { request_id: c.get('requestId') })
    c.set('services', built)
    try {
      await next()
    } finally {
      runInBackground(
        c,
        (c.get('servicesInUseUntil') ?? Promise.resolve()).finally(() => built.close()),
      )
    }
  })
