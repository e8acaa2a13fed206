import { Ratelimit } from '@upstash/ratelimit'
import { Redis } from '@upstash/redis'

export const openRedis = (url: string, token: string) =>
  new Redis({ url, token, enableTelemetry: false, retry: { retries: 1 } })

/** Every key is prefixed by tenant; pre-tenant keys (login) use the `global` segment. */
export const redisKey = (tenantId: string | 'global', ...parts: string[]) => ['aos', tenantId, ...parts].join(':')

export function loginLimiter(redis: Redis, perMinute: number) {
  return new Ratelimit({
    redis,
    limiter: Ratelimit.slidingWindow(perMinute, '60 s'),
    prefix: redisKey('global', 'ratelimit', 'login'),
    ephemeralCache: false,
    analytics: false,
    // The library's own timeout lets a request through when Redis hangs; callers fall back to a local limit instead.
    timeout: 0,
  })
}
