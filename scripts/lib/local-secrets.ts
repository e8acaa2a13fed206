import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { exportJWK, generateKeyPair } from 'jose'

/** A fresh Ed25519 private JWK (with kid) for signing access tokens, as JWT_PRIVATE_JWK expects. */
export async function generateSigningJwk(): Promise<string> {
  const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true })
  const jwk = await exportJWK(privateKey)
  return JSON.stringify({ ...jwk, kid: `dev-${Date.now().toString(36)}`, alg: 'EdDSA' })
}

/** Local development keeps its key in .data/ so sessions survive a restart. */
export async function persistentSigningJwk(file: string): Promise<string> {
  if (existsSync(file)) return readFileSync(file, 'utf8')
  const jwk = await generateSigningJwk()
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, jwk, { mode: 0o600 })
  return jwk
}

/** A random API key for a local stand-in (EMAIL_API_KEY against the mail stand-in). */
export const generateApiKey = () => randomBytes(24).toString('base64url')

/** A random AES-256 key, base64, as DATA_ENCRYPTION_KEY expects. */
export const generateDataKey = () => randomBytes(32).toString('base64')

export function persistentDataKey(file: string): string {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  const key = generateDataKey()
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, key, { mode: 0o600 })
  return key
}
