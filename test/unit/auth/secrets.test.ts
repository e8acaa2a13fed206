import { describe, expect, it } from 'vitest'
import {
  API_KEY_PREFIX,
  displayPrefix,
  formatSecret,
  REFRESH_PREFIX,
  tenantOfSecret,
} from '../../../workers/core/auth/secrets.ts'

const tenant = '3e43bab7-04de-4338-bd7e-8eb39e012621'

describe('opaque secrets', () => {
  it('round-trips the tenant for every random part, including ones whose base64url holds `_` and `-`', () => {
    for (let i = 0; i < 200; i++) {
      const random = crypto.getRandomValues(new Uint8Array(32))
      if (i === 0) random.fill(0xff) // base64url "____…": the case that once broke parsing
      const secret = formatSecret(REFRESH_PREFIX, tenant, random)
      expect(tenantOfSecret(REFRESH_PREFIX, secret)).toBe(tenant)
    }
  })

  it('rejects other prefixes, short or malformed secrets', () => {
    const secret = formatSecret(API_KEY_PREFIX, tenant, new Uint8Array(32))
    expect(tenantOfSecret(REFRESH_PREFIX, secret)).toBeNull()
    expect(tenantOfSecret(API_KEY_PREFIX, secret.slice(0, 50))).toBeNull()
    expect(tenantOfSecret(API_KEY_PREFIX, secret.replace('_', '-'))).toBeNull()
    expect(tenantOfSecret(API_KEY_PREFIX, `${API_KEY_PREFIX}${'z'.repeat(32)}_${'a'.repeat(43)}`)).toBeNull()
  })

  it('shows a list prefix that identifies the key without revealing it', () => {
    const secret = formatSecret(API_KEY_PREFIX, tenant, crypto.getRandomValues(new Uint8Array(32)))
    const shown = displayPrefix(secret)
    expect(shown.startsWith('aos_sk_…')).toBe(true)
    expect(secret).toContain(shown.slice('aos_sk_…'.length))
    expect(shown.length).toBeLessThan(16)
  })
})
