import { formatSecret, toHex } from '../core/auth/secrets.ts'

export const newSecret = (prefix: string, tenantId: string) =>
  formatSecret(prefix, tenantId, crypto.getRandomValues(new Uint8Array(32)))

/** Secrets are high-entropy, so a fast hash is enough to store them (no password hashing needed). */
export async function hashSecret(secret: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(secret))
  return toHex(new Uint8Array(digest))
}
