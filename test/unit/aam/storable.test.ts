import { describe, expect, it } from 'vitest'
import {
  displayText,
  findUnstorable,
  quarantineRaw,
  storableCopy,
  textProblem,
  unstorableReason,
} from '../../../workers/core/aam/storable.ts'

describe('storable', () => {
  it('finds NULs and unpaired surrogates, in values and keys, and leaves paired ones alone', () => {
    expect(textProblem('emoji 😀 and é')).toBeNull()
    expect(textProblem('a\u0000b')).toBe('nul')
    expect(textProblem('a\ud800b')).toBe('unpaired_surrogate')
    expect(textProblem('\udc00')).toBe('unpaired_surrogate')
    expect(findUnstorable({ a: 1, b: [{ c: 'ok' }, { d: 'x\u0000' }] })).toEqual({ path: 'b[1].d', problem: 'nul' })
    expect(findUnstorable({ 'k\ud800': 1 })).toEqual({ path: 'k\ud800', problem: 'unpaired_surrogate' })
    expect(findUnstorable({ when: new Date(0), n: null, bytes: new Uint8Array(3) })).toBeNull()
  })

  it('writes reasons that can themselves be stored', () => {
    const found = findUnstorable({ 'k\u0000': 1 })
    expect(found && unstorableReason(found)).toBe(
      'field "k\uFFFD" contains a NUL character (U+0000), which cannot be stored',
    )
    expect(textProblem(unstorableReason({ path: '\ud800', problem: 'unpaired_surrogate' }))).toBeNull()
  })

  it('keeps the exact bytes of a raw text it cannot store as is', () => {
    expect(quarantineRaw('1,plain')).toEqual({ raw: '1,plain', rawBase64: null })
    const raw = quarantineRaw('1,Bo\u0000b,caf\udce9')
    expect(raw.raw).toBe('1,Bo\uFFFDb,caf\uFFFD')
    expect([...atob(raw.rawBase64 ?? '')].map((c) => c.charCodeAt(0))).toEqual([
      ...'1,Bo'.split('').map((c) => c.charCodeAt(0)),
      0,
      ...'b,caf'.split('').map((c) => c.charCodeAt(0)),
      0xe9,
    ])
  })

  it('makes samples storable without touching dates', () => {
    const when = new Date(0)
    expect(storableCopy({ s: ['a\u0000', when], 'k\ud800': 1 })).toEqual({ s: ['a\uFFFD', when], 'k\uFFFD': 1 })
    expect(displayText('ok')).toBe('ok')
  })
})
