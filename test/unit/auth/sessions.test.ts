import { describe, expect, it } from 'vitest'
import { isRevokedToken } from '../../../workers/core/auth/sessions.ts'

describe('isRevokedToken', () => {
  const stamp = Date.UTC(2026, 10, 25, 12, 0, 0, 700)

  it('lets every token through when the user has no stamp', () => {
    expect(isRevokedToken(0, null)).toBe(false)
  })

  it('compares below the second: earlier in the same second is revoked, later in it is not', () => {
    expect(isRevokedToken((stamp - 400) / 1000, stamp)).toBe(true)
    expect(isRevokedToken((stamp + 200) / 1000, stamp)).toBe(false)
    expect(isRevokedToken((stamp + 0.05) / 1000, stamp)).toBe(false)
  })

  it('counts a tie as revoked', () => {
    expect(isRevokedToken(stamp / 1000, stamp)).toBe(true)
  })

  it('revokes a whole-second iat from before the stamp (tokens issued by older code)', () => {
    expect(isRevokedToken(Math.floor(stamp / 1000), stamp)).toBe(true)
  })
})
