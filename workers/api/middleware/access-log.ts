import { createMiddleware } from 'hono/factory'
import { createLogger } from '../../adapters/logger.ts'
import type { AppEnv } from '../app-env.ts'

/** One structured line per request: method, path, status, duration, request and tenant ids. */
export const accessLog = () =>
  createMiddleware<AppEnv>(async function accessLog(c, next) {
    const started = performance.now()
    await next()
    createLogger({ request_id: c.get('requestId') })('info', 'request', {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      duration_ms: Math.round((performance.now() - started) * 10) / 10,
      tenant_id: c.get('tenantId'),
    })
  })
