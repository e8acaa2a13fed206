import { type CryptoKey, createLocalJWKSet, importJWK, type JWK, type JWTPayload, jwtVerify, SignJWT } from 'jose'
import type { Role } from '../contract/vocabulary/roles.ts'

const ISSUER = 'autonomos'
const AUDIENCE = 'autonomos-api'

export interface AccessClaims {
  sub: string
  tid: string
  role: Role
  email: string
  tname: string
  /** Refresh-token family: logout revokes it. */
  sid: string
}

export interface KeyMaterial {
  kid: string
  privateKey: CryptoKey
  jwks: { keys: JWK[] }
  verifyKeys: ReturnType<typeof createLocalJWKSet>
}

const cache = new Map<string, Promise<KeyMaterial>>()

async function load(privateJwk: string, previous?: string): Promise<KeyMaterial> {
  const jwk = JSON.parse(privateJwk) as JWK
  if (!jwk.kid || jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || !jwk.d) {
    throw new Error('JWT_PRIVATE_JWK must be an Ed25519 private JWK with a kid')
  }
  const { d: _d, ...publicJwk } = jwk
  const current: JWK = { ...publicJwk, alg: 'EdDSA', use: 'sig' }
  const older = previous ? ((JSON.parse(previous) as { keys: JWK[] }).keys ?? []) : []
  const jwks = { keys: [current, ...older] }
  return {
    kid: jwk.kid,
    privateKey: (await importJWK({ ...jwk, alg: 'EdDSA' }, 'EdDSA')) as CryptoKey,
    jwks,
    verifyKeys: createLocalJWKSet(jwks),
  }
}

/** Keys are parsed and imported once per isolate (a plain cache keyed by the secret's value). */
export function keyMaterial(privateJwk: string, previous?: string): Promise<KeyMaterial> {
  const cacheKey = `${privateJwk}|${previous ?? ''}`
  let hit = cache.get(cacheKey)
  if (!hit) {
    hit = load(privateJwk, previous)
    cache.set(cacheKey, hit)
  }
  return hit
}

/**
 * `iat` keeps the fraction of a second (a NumericDate may be non-integer, RFC 7519 §2): tokens are
 * checked against revocation stamps, and with whole seconds a token from earlier in the stamp's second
 * would pass, or one issued just after it would be refused.
 */
const preciseIat = (issuedAtMs: number) => issuedAtMs / 1000

/** `issuedAtMs` defaults to now; a refresh passes the database's clock at the membership read. */
export async function signAccessToken(
  keys: KeyMaterial,
  claims: AccessClaims,
  ttlSeconds: number,
  issuedAtMs = Date.now(),
) {
  const { sub, ...rest } = claims
  return new SignJWT(rest)
    .setProtectedHeader({ alg: 'EdDSA', kid: keys.kid, typ: 'JWT' })
    .setSubject(sub)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(preciseIat(issuedAtMs))
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(keys.privateKey)
}

/** Verified claims carry `iat` (seconds, with a fraction) for the revocation check. */
type IssuedClaims<T> = T & { iat: number }

const isClaims = (payload: JWTPayload): payload is JWTPayload & IssuedClaims<AccessClaims> =>
  typeof payload.iat === 'number' &&
  typeof payload.sub === 'string' &&
  typeof payload.tid === 'string' &&
  typeof payload.role === 'string' &&
  typeof payload.email === 'string' &&
  typeof payload.tname === 'string' &&
  typeof payload.sid === 'string'

/** Only EdDSA with a known kid from our JWKS passes: `alg: none`, HS256 tricks and foreign keys fail. */
export async function verifyAccessToken(keys: KeyMaterial, token: string): Promise<IssuedClaims<AccessClaims> | null> {
  try {
    const { payload } = await jwtVerify(token, keys.verifyKeys, {
      algorithms: ['EdDSA'],
      issuer: ISSUER,
      audience: AUDIENCE,
    })
    return isClaims(payload) ? payload : null
  } catch {
    return null
  }
}

const STREAM_AUDIENCE = 'autonomos-stream'

export interface StreamClaims {
  sub: string
  tid: string
  role: Role
}

/**
 * EventSource cannot send headers, so live streams take a short-lived token in the query string. It
 * has its own audience: it opens /v1/events streams and nothing else.
 */
export function signStreamToken(keys: KeyMaterial, claims: StreamClaims, ttlSeconds = 60) {
  return new SignJWT({ tid: claims.tid, role: claims.role })
    .setProtectedHeader({ alg: 'EdDSA', kid: keys.kid, typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuer(ISSUER)
    .setAudience(STREAM_AUDIENCE)
    .setIssuedAt(preciseIat(Date.now()))
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(keys.privateKey)
}

export async function verifyStreamToken(keys: KeyMaterial, token: string): Promise<IssuedClaims<StreamClaims> | null> {
  try {
    const { payload } = await jwtVerify(token, keys.verifyKeys, {
      algorithms: ['EdDSA'],
      issuer: ISSUER,
      audience: STREAM_AUDIENCE,
    })
    const { sub, tid, role, iat } = payload
    if (typeof sub !== 'string' || typeof tid !== 'string' || typeof role !== 'string' || typeof iat !== 'number')
      return null
    return { sub, tid, role: role as Role, iat }
  } catch {
    return null
  }
}
