import type { Context } from 'hono'
import { loginLimiter } from '../../adapters/redis.ts'
import type { Services } from '../../services/container.ts'
import { ProblemError } from '../../services/problem-error.ts'
import type { AppEnv } from '../app-env.ts'

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

/**
 * The caller's address for the per-IP window. Behind Cloudflare the edge sets CF-Connecting-IP and a
 * client cannot forge it; anywhere else (wrangler dev) any client can send it, so there every caller
 * shares one window. X-Forwarded-For is never read: any client can write it.
 */
export const clientIp = (header: (name: string) => string | undefined, trustHeader: boolean) =>
  (trustHeader ? header('cf-connecting-ip') : undefined) ?? 'unknown'

/** `clientIp` for a request, under the deployment's trust setting. */
export const callerIp = (c: Context<AppEnv>) =>
  clientIp((h) => c.req.header(h), c.get('services').config.TRUST_CLIENT_IP_HEADER)
