import { type LocalLimiter, localLimiter } from '../../adapters/local-limiter.ts'
import { loginLimiter } from '../../adapters/redis.ts'
import type { Services } from '../container.ts'
import { ProblemError } from '../problem-error.ts'
import { REDIS_WAIT_MS, within } from '../within.ts'

const WINDOW_MS = 60_000
/** Per limit value, for the whole isolate: the fallback while Redis does not answer. */
const localLimiters = new Map<number, LocalLimiter>()
const local = (perWindow: number) => {
  const limiter = localLimiters.get(perWindow) ?? localLimiter(perWindow, WINDOW_MS)
  localLimiters.set(perWindow, limiter)
  return limiter
}
/** Every isolate counts alone while Redis is down, so each allows half the shared limit (never none). */
const localShare = (perWindow: number) => Math.max(1, Math.floor(perWindow / 2))

async function sharedWindows(services: Services, keys: { key: string; perWindow: number }[]) {
  return within(
    Promise.all(keys.map(({ key, perWindow }) => loginLimiter(services.redis, perWindow).limit(key))),
    REDIS_WAIT_MS,
    'rate limit',
  )
}

/**
 * Per-account and per-IP sliding windows; the IP window is wider since offices share addresses. Counted
 * in Redis; while Redis refuses or hangs, in this isolate at half the limit, so an outage never lifts it.
 */
export async function limitAttempts(services: Services, kind: string, account: string, ip: string) {
  const perAccount = services.config.LOGIN_RATE_LIMIT
  const keys = [
    { key: `${kind}:account:${account}`, perWindow: perAccount },
    { key: `${kind}:ip:${ip}`, perWindow: perAccount * 10 },
  ]
  let results: { success: boolean; reset: number }[]
  try {
    results = await sharedWindows(services, keys)
  } catch (error) {
    services.log('warn', 'rate limit counted in this isolate: Redis did not answer', { kind, error: String(error) })
    results = keys.map(({ key, perWindow }) => local(localShare(perWindow)).limit(key))
  }
  const blocked = results.filter((r) => !r.success)
  if (blocked.length > 0) {
    const retryAfter = Math.max(1, Math.ceil((Math.max(...blocked.map((r) => r.reset)) - Date.now()) / 1000))
    throw new ProblemError('rate_limited', `Too many attempts. Wait ${retryAfter} s before trying again.`, undefined, {
      'Retry-After': String(retryAfter),
    })
  }
}
