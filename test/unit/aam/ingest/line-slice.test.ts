import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createLineSlicer } from '../../../../workers/core/aam/ingest/line-slice.ts'

const utf8 = (text: string) => new TextEncoder().encode(text)

function sliceInPieces(bytes: Uint8Array, line: number, loneCrEndsLine: boolean, cuts: readonly number[]) {
  const slicer = createLineSlicer(line, { loneCrEndsLine })
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b)
  const pieces: Uint8Array[] = []
  let from = 0
  for (const p of [...points, bytes.length]) {
    if (!slicer.done) pieces.push(...slicer.push(bytes.subarray(from, p)))
    from = p
  }
  return new TextDecoder().decode(Uint8Array.from(pieces.flatMap((p) => [...p])))
}

describe('createLineSlicer', () => {
  it('gives the bytes of line N as the CSV and JSONL parsers count lines, wherever the chunks are cut', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'é', '\r', '\n'), maxLength: 40 })
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 12 }), fc.array(fc.nat(), { maxLength: 10 }), (t, n, cuts) => {
        const csvLines = t.split(/\r\n|\r|\n/)
        expect(sliceInPieces(utf8(t), n, true, cuts)).toBe(csvLines[n - 1] ?? '')
        const jsonlLines = t
          .split('\n')
          .map((l, i, all) => (i < all.length - 1 || l.endsWith('\r') ? l.replace(/\r$/, '') : l))
        expect(sliceInPieces(utf8(t), n, false, cuts)).toBe(jsonlLines[n - 1] ?? '')
      }),
      { numRuns: 1000 },
    )
  })

  it('leaves out a BOM opening the file', () => {
    expect(sliceInPieces(utf8('\uFEFF{"a":1}\n{"b":2}'), 1, false, [])).toBe('{"a":1}')
  })
})
