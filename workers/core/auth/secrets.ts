/**
 * Opaque secrets carry their tenant in clear (`aos_rt_<tenant>_<random>`, `aos_sk_<tenant>_<random>`),
 * so a lookup can be scoped by tenant and RLS before anything is known about the caller. Only a hash
 * of the whole string is stored.
 */
export const REFRESH_PREFIX = 'aos_rt_'
export const API_KEY_PREFIX = 'aos_sk_'

const HEX_UUID = /^[0-9a-f]{32}$/

const toHex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')

const toBase64Url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '')

export function formatSecret(prefix: string, tenantId: string, random: Uint8Array): string {
  return `${prefix}${tenantId.replaceAll('-', '')}_${toBase64Url(random)}`
}

/** Returns the tenant id a secret belongs to, or null when the string is not one of ours. */
export function tenantOfSecret(prefix: string, secret: string): string | null {
  if (!secret.startsWith(prefix)) return null
  // The random part is base64url and may itself contain `_`, so split by position, not by `_`.
  const hex = secret.slice(prefix.length, prefix.length + 32)
  const random = secret.slice(prefix.length + 33)
  if (!HEX_UUID.test(hex) || secret[prefix.length + 32] !== '_' || random.length < 32) return null
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/** What lists show of an API key: the prefix and the first characters of its random part. */
export const displayPrefix = (secret: string) =>
  `${API_KEY_PREFIX}…${secret.slice(API_KEY_PREFIX.length + 33, API_KEY_PREFIX.length + 39)}`

export { toHex }

/** Invitation links carry their tenant like the secrets above: `aos_inv_<tenant>_<random>`. */
export const INVITATION_PREFIX = 'aos_inv_'
/** Signup, address-proof and password-reset links belong to no tenant yet: `aos_el_<random>`. */
export const EMAIL_LINK_PREFIX = 'aos_el_'

export const formatEmailLink = (random: Uint8Array) => `${EMAIL_LINK_PREFIX}${toBase64Url(random)}`
