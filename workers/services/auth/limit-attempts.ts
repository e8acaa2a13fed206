import { loginLimiter } from '../../adapters/redis.ts'
import type { Services } from '../container.ts'
import { ProblemError } from '../problem-error.ts'

/** Per-account and per-IP sliding windows; the IP window is wider since offices share addresses. */
export async function limitAttempts(services: Services, kind: string, account: string, ip: string) {
  const perAccount = services.config.LOGIN_RATE_LIMIT
  const [byAccount, byIp] = await Promise.all([
    loginLimiter(services.redis, perAccount).limit(`${kind}:account:${account}`),
    loginLimiter(services.redis, perAccount * 10).limit(`${kind}:ip:${ip}`),
  ])
  const blocked = [byAccount, byIp].filter((r) => !r.success)
  if (blocked.length > 0) {
    const retryAfter = Math.max(1, Math.ceil((Math.max(...blocked.map((r) => r.reset)) - Date.now()) / 1000))
    throw new ProblemError('rate_limited', `Too many attempts. Wait ${retryAfter} s before trying again.`, undefined, {
      'Retry-After': String(retryAfter),
    })
  }
}
