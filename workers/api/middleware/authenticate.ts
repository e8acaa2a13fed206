import { createMiddleware } from 'hono/factory'
import { verifyAccessToken, verifyStreamToken } from '../../adapters/jwt.ts'
import { API_KEY_PREFIX } from '../../core/auth/secrets.ts'
import { resolveApiKey } from '../../services/auth/resolve-api-key.ts'
import { tokenRevoked } from '../../services/auth/token-revoked.ts'
import type { Services } from '../../services/container.ts'
import { ProblemError } from '../../services/problem-error.ts'
import type { AppEnv } from '../app-env.ts'
import { runInBackground } from '../run-in-background.ts'

const challenge = { 'WWW-Authenticate': 'Bearer realm="autonomos"' }

async function refuseIfRevoked(services: Services, claims: { tid: string; sub: string; iat: number }, next: string) {
  if (await tokenRevoked(services, claims)) {
    throw new ProblemError(
      'invalid_token',
      `Your access to this tenant changed (a new role, or deactivation) after this token was issued. ${next}`,
      undefined,
      challenge,
    )
  }
}

/** Resolves the principal and tenant from `Authorization: Bearer <access token | API key>`. */
export const authenticate = () =>
  createMiddleware<AppEnv>(async function authenticate(c, next) {
    const token = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1]
    const streamToken = c.req.path.startsWith('/v1/events/') ? c.req.query('stream_token') : undefined
    const services = c.get('services')
    if (!token && streamToken) {
      const claims = await verifyStreamToken(await services.keys(), streamToken)
      if (!claims) {
        throw new ProblemError(
          'invalid_token',
          'The stream token is invalid or expired (they last 60 s). Get a new one with POST /v1/events/stream-token.',
        )
      }
      await refuseIfRevoked(services, claims, 'Get a new stream token with POST /v1/events/stream-token.')
      c.set('tenantId', claims.tid)
      c.set('principal', { kind: 'stream', userId: claims.sub, role: claims.role })
      return next()
    }
    if (!token) {
      throw new ProblemError(
        'unauthorized',
        'Send `Authorization: Bearer <token>` with an access token from POST /v1/auth/login or an API key.',
        undefined,
        challenge,
      )
    }
    if (token.startsWith(API_KEY_PREFIX)) {
      const resolved = await resolveApiKey(services, token, (work) => runInBackground(c, work))
      if (!resolved) {
        throw new ProblemError(
          'invalid_token',
          'This API key is unknown, revoked or expired. Create a new one under /v1/api-keys.',
          undefined,
          challenge,
        )
      }
      c.set('tenantId', resolved.tenantId)
      c.set('principal', resolved.principal)
      return next()
    }
    const claims = await verifyAccessToken(await services.keys(), token)
    if (!claims) {
      throw new ProblemError(
        'invalid_token',
        'The access token is invalid or expired. Get a new one with POST /v1/auth/refresh or log in again.',
        undefined,
        challenge,
      )
    }
    await refuseIfRevoked(services, claims, 'Get a new one with POST /v1/auth/refresh, or sign in again.')
    c.set('tenantId', claims.tid)
    c.set('principal', {
      kind: 'user',
      userId: claims.sub,
      email: claims.email,
      role: claims.role,
      tenantName: claims.tname,
      sessionId: claims.sid,
    })
    return next()
  })
