import { type CryptoKey, createLocalJWKSet, importJWK, type JWK, type JWTPayload, jwtVerify, SignJWT } from 'jose'
import type { Role } from '../core/auth/roles.ts'

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

export async function signAccessToken(keys: KeyMaterial, claims: AccessClaims, ttlSeconds: number) {
  const { sub, ...rest } = claims
  return new SignJWT(rest)
    .setProtectedHeader({ alg: 'EdDSA', kid: keys.kid, typ: 'JWT' })
    .setSubject(sub)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(keys.privateKey)
}

const isClaims = (payload: JWTPayload): payload is JWTPayload & AccessClaims =>
  typeof payload.sub === 'string' &&
  typeof payload.tid === 'string' &&
  typeof payload.role === 'string' &&
  typeof payload.email === 'string' &&
  typeof payload.tname === 'string' &&
  typeof payload.sid === 'string'

/** Only EdDSA with a known kid from our JWKS passes: `alg: none`, HS256 tricks and foreign keys fail. */
export async function verifyAccessToken(keys: KeyMaterial, token: string): Promise<AccessClaims | null> {
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
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(keys.privateKey)
}

export async function verifyStreamToken(keys: KeyMaterial, token: string): Promise<StreamClaims | null> {
  try {
    const { payload } = await jwtVerify(token, keys.verifyKeys, {
      algorithms: ['EdDSA'],
      issuer: ISSUER,
      audience: STREAM_AUDIENCE,
    })
    if (typeof payload.sub !== 'string' || typeof payload.tid !== 'string' || typeof payload.role !== 'string')
      return null
    return { sub: payload.sub, tid: payload.tid, role: payload.role as Role }
  } catch {
    return null
  }
}
