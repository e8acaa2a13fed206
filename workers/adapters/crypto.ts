const keys = new Map<string, Promise<CryptoKey>>()

function keyFrom(base64: string): Promise<CryptoKey> {
  let key = keys.get(base64)
  if (!key) {
    const raw = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))
    key = crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt'])
    keys.set(base64, key)
  }
  return key
}

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes))
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0))

/**
 * AES-256-GCM with a random 96-bit IV, `v1.<iv>.<ciphertext>`; `context` (e.g. the tenant id) is bound
 * as additional data, so a ciphertext copied to another tenant's row does not decrypt.
 */
export async function encryptText(keyBase64: string, plaintext: string, context: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12))
  const sealed = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(context) },
    await keyFrom(keyBase64),
    new TextEncoder().encode(plaintext),
  )
  return `v1.${toBase64(iv)}.${toBase64(new Uint8Array(sealed))}`
}

export async function decryptText(keyBase64: string, sealed: string, context: string): Promise<string | null> {
  const [version, iv, data] = sealed.split('.')
  if (version !== 'v1' || !iv || !data) return null
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: fromBase64(iv), additionalData: new TextEncoder().encode(context) },
      await keyFrom(keyBase64),
      fromBase64(data),
    )
    return new TextDecoder().decode(plain)
  } catch {
    return null
  }
}
