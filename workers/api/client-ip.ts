import type { Context } from 'hono'
import type { AppEnv } from './app-env.ts'

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
