import { describe, expect, it } from 'vitest'
import { flagOn } from '../../../app/lib/flags.ts'

describe('console build flags (VITE_CONNECTIONS_V2)', () => {
  it('is on unless set to false or 0', () => {
    expect(flagOn(undefined, true)).toBe(true)
    expect(flagOn('', true)).toBe(true)
    expect(flagOn('true', true)).toBe(true)
    expect(flagOn('1', true)).toBe(true)
    expect(flagOn('yes', true)).toBe(true)
  })

  it('turns off with false or 0, in any case and with spaces around', () => {
    for (const off of ['false', 'FALSE', ' False ', '0', ' 0']) expect(flagOn(off, true)).toBe(false)
    expect(flagOn(false, true)).toBe(false)
  })

  it('keeps the default of a flag that starts off when unset', () => {
    expect(flagOn(undefined, false)).toBe(false)
    expect(flagOn('true', false)).toBe(true)
  })
})
