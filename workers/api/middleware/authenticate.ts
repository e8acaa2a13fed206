import { createMiddleware } from 'hono/factory'
import { findUsableApiKey, touchApiKey } from '../../adapters/db/api-keys-repo.ts'
import { withTenant } from '../../adapters/db/client.ts'
import { verifyAccessToken, verifyStreamToken } from '../../adapters/jwt.ts'
import { hashSecret } from '../../adapters/secrets.ts'
import { sessionsRevokedAt } from '../../adapters/session-revocations.ts'
import { lesserRole } from '../../core/auth/roles.ts'
import { API_KEY_PREFIX, tenantOfSecret } from '../../core/auth/secrets.ts'
import { isRevokedToken } from '../../core/auth/sessions.ts'
import type { Services } from '../../services/container.ts'
import { ProblemError } from '../../services/problem-error.ts'
import type { AppEnv } from '../app-env.ts'
import { runInBackground } from '../run-in-background.ts'

const challenge = { 'WWW-Authenticate': 'Bearer realm="autonomos"' }

async function principalFromApiKey(services: Services, key: string, waitUntil: (p: Promise<unknown>) => void) {
  const tenantId = tenantOfSecret(API_KEY_PREFIX, key)
  if (!tenantId) return null
  const keyHash = await hashSecret(key)
  const row = await withTenant(services.db, tenantId, (tx) => findUsableApiKey(tx, tenantId, keyHash))
  if (!row) return null
  waitUntil(withTenant(services.db, tenantId, (tx) => touchApiKey(tx, tenantId, row.id)).catch(() => {}))
  return {
    tenantId,
    principal: {
      kind: 'api_key',
      keyId: row.id,
      userId: row.createdBy,
      role: lesserRole(row.role, row.creatorRole),
    } as const,
  }
}

/** A role change or deactivation stamps the membership; tokens issued before the stamp stop working. */
async function refuseIfRevoked(services: Services, claims: { tid: string; sub: string; iat: number }, next: string) {
  // Only stamps younger than the longest-lived token matter: an access token's TTL, plus a minute for
  // stream tokens (60 s) and clock drift.
  const withinSeconds = services.config.ACCESS_TOKEN_TTL_SECONDS + 60
  const stamp = await sessionsRevokedAt(services, claims.tid, claims.sub, withinSeconds)
  if (isRevokedToken(claims.iat, stamp)) {
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
      const resolved = await principalFromApiKey(services, token, (p) => runInBackground(c, p))
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
