import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  createUtf8Decoder,
  encodeEscaped,
  escapedByteCount,
  unreadableEncoding,
} from '../../../../workers/core/aam/ingest/utf8.ts'

/** Decodes `bytes` fed in pieces cut at `cuts`. */
function decodeInPieces(bytes: Uint8Array, cuts: readonly number[]): string {
  const decoder = createUtf8Decoder()
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b)
  let text = ''
  let from = 0
  for (const p of [...points, bytes.length]) {
    text += decoder.push(bytes.subarray(from, p))
    from = p
  }
  return text + decoder.end()
}

const utf8 = (text: string) => new TextEncoder().encode(text)

describe('createUtf8Decoder', () => {
  it('decodes valid UTF-8 as TextDecoder does, keeping a BOM, wherever the chunks are cut', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.array(fc.nat(), { maxLength: 10 }), (text, cuts) => {
        const bytes = utf8(`\uFEFF${text}`)
        expect(decodeInPieces(bytes, cuts)).toBe(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes))
      }),
      { numRuns: 500 },
    )
  })

  it('escapes each byte that is not UTF-8 and gives back exactly the bytes it read', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.array(fc.nat(), { maxLength: 10 }), (bytes, cuts) => {
        const text = decodeInPieces(bytes, cuts)
        expect(encodeEscaped(text)).toEqual(bytes)
        expect(text).toBe(decodeInPieces(bytes, []))
      }),
      { numRuns: 1000 },
    )
  })

  it('tells damaged text from clean: a lone byte, a truncated sequence, an encoded surrogate, an overlong form', () => {
    const bytes = Uint8Array.of(0x63, 0x61, 0x66, 0xe9, 0x0a, 0xe2, 0x82, 0x0a, 0xed, 0xa0, 0x80, 0xc0, 0xaf, 0x41)
    const text = decodeInPieces(bytes, [4, 6])
    expect(text).toBe('caf\udce9\n\udce2\udc82\n\udced\udca0\udc80\udcc0\udcafA')
    expect(escapedByteCount(text)).toBe(8)
    expect(escapedByteCount('plain 😀 \u{10080}')).toBe(0) // U+10080's low half is in the escape range, but paired
  })

  it('names encodings and archives it cannot read', () => {
    expect(unreadableEncoding(Uint8Array.of(0xff, 0xfe, 0x61, 0x00))).toMatch(/UTF-16/)
    expect(unreadableEncoding(Uint8Array.of(0x1f, 0x8b, 8, 0))).toMatch(/gzip/)
    expect(unreadableEncoding(Uint8Array.of(0x50, 0x4b, 3, 4))).toMatch(/ZIP/)
    expect(unreadableEncoding(utf8('\uFEFFid,name'))).toBeNull()
  })
})
