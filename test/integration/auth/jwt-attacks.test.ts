import { env } from 'cloudflare:workers'
import { base64url, exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from 'jose'
import { beforeAll, describe, expect, it } from 'vitest'
import { type Account, call, expectProblem, signup } from '../../support/api.ts'

const realJwk = () => JSON.parse(env.JWT_PRIVATE_JWK as string) as JWK

async function forge(
  claims: Record<string, unknown>,
  options: { key?: CryptoKey; kid?: string; exp?: number } = {},
): Promise<string> {
  const jwk = realJwk()
  const key = options.key ?? ((await importJWK(jwk, 'EdDSA')) as CryptoKey)
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: 'EdDSA', kid: options.kid ?? (jwk.kid as string) })
    .setIssuer('autonomos')
    .setAudience('autonomos-api')
    .setIssuedAt()
  jwt.setExpirationTime(options.exp ?? Math.floor(Date.now() / 1000) + 600)
  return jwt.sign(key)
}

describe('access-token attacks are refused with 401 invalid_token', () => {
  let account: Account
  let claims: Record<string, unknown>
  beforeAll(async () => {
    account = await signup('Victim Co')
    const [, payload] = account.tokens.access_token.split('.')
    claims = JSON.parse(new TextDecoder().decode(base64url.decode(payload as string)))
  })

  const expectRefused = async (token: string) => expectProblem(await call('/v1/me', { token }), 401, 'invalid_token')

  it('accepts a token forged with the real key (control: the forging helper is sound)', async () => {
    const token = await forge(claims)
    expect((await call('/v1/me', { token })).status).toBe(200)
  })

  it('alg: none', async () => {
    const header = base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT', kid: realJwk().kid }))
    const body = base64url.encode(JSON.stringify({ ...claims, role: 'owner' }))
    await expectRefused(`${header}.${body}.`)
  })

  it('signed with another key under the real kid', async () => {
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' })
    await expectRefused(await forge(claims, { key: privateKey as CryptoKey }))
  })

  it('unknown kid', async () => {
    await expectRefused(await forge(claims, { kid: 'attacker-key' }))
  })

  it('expired', async () => {
    await expectRefused(await forge(claims, { exp: Math.floor(Date.now() / 1000) - 60 }))
  })

  it('tampered payload (role and tenant swapped, signature kept)', async () => {
    const [header, , signature] = account.tokens.access_token.split('.')
    const tampered = base64url.encode(JSON.stringify({ ...claims, role: 'owner', tid: crypto.randomUUID() }))
    await expectRefused(`${header}.${tampered}.${signature}`)
  })

  it('HS256 keyed with the public JWK (algorithm confusion)', async () => {
    const { d: _d, ...publicJwk } = realJwk()
    const secret = new TextEncoder().encode(JSON.stringify(publicJwk))
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', kid: realJwk().kid as string })
      .setExpirationTime('10m')
      .sign(secret)
    await expectRefused(token)
  })

  it('publishes only public keys at /.well-known/jwks.json, with the kid tokens carry', async () => {
    const res = await call('/.well-known/jwks.json')
    const { keys } = (await res.json()) as { keys: JWK[] }
    expect(keys.map((k) => k.kid)).toContain(realJwk().kid)
    for (const key of keys) expect(key.d).toBeUndefined()
    const exported = await exportJWK((await importJWK({ ...keys[0], alg: 'EdDSA' } as JWK, 'EdDSA')) as CryptoKey)
    expect(exported.x).toBe(realJwk().x)
  })
})
