import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  hasUnsafeText,
  type JsonPath,
  scrubUnsafeText,
  unsafeTextPaths,
} from '../../../workers/core/http/unsafe-text.ts'

// The oracle: UTF-8 cannot carry a lone surrogate (TextEncoder turns it into U+FFFD), Postgres cannot carry U+0000.
const oracleUnsafe = (text: string) =>
  text.includes('\0') || new TextDecoder().decode(new TextEncoder().encode(text)) !== text

// A plain recursive walk, fine for the small values fast-check generates.
function oraclePaths(value: unknown, path: JsonPath = []): JsonPath[] {
  if (typeof value === 'string') return oracleUnsafe(value) ? [path] : []
  if (Array.isArray(value)) return value.flatMap((item, i) => oraclePaths(item, [...path, i]))
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([key, child]) => [
      ...(oracleUnsafe(key) ? [[...path, key]] : []),
      ...oraclePaths(child, [...path, key]),
    ])
  return []
}

// Units that pair up into valid surrogate pairs as often as they leave one alone.
const unit = fc.constantFrom('a', 'é', '😀', '\0', '\ud800', '\udc00', '\udbff', '\udfff')

describe('unsafe text', () => {
  it('spots U+0000 and lone surrogates, and nothing else', () => {
    expect(hasUnsafeText('plain ascii, é, 😀 and \u{10FFFF}')).toBe(false)
    for (const bad of ['a\0b', '\ud800', 'x\udc00', '\udbff!', '😀\ud83d', '\ude00😀', '\udc00\ud800'])
      expect(hasUnsafeText(bad), JSON.stringify(bad)).toBe(true)
    fc.assert(
      fc.property(fc.string({ unit }), (text) => {
        expect(hasUnsafeText(text)).toBe(oracleUnsafe(text))
      }),
      { numRuns: 2000 },
    )
  })

  it('scrubs to text that is safe and keeps the rest', () => {
    expect(scrubUnsafeText('na\0me\ud800😀')).toBe('na\uFFFDme\uFFFD😀')
    fc.assert(
      fc.property(fc.string({ unit }), (text) => {
        const scrubbed = scrubUnsafeText(text)
        expect(hasUnsafeText(scrubbed)).toBe(false)
        if (!oracleUnsafe(text)) expect(scrubbed).toBe(text)
      }),
    )
  })

  it('names the path of every bad value and key, in document order', () => {
    expect(unsafeTextPaths({ name: 'ok', config: { host: 'h\0', tags: ['a', '\ud800'] }, 'k\0': 1 })).toEqual([
      ['config', 'host'],
      ['config', 'tags', 1],
      ['k\0'],
    ])
    expect(unsafeTextPaths('\0')).toEqual([[]])
    expect(unsafeTextPaths([1, true, null, 'fine'])).toEqual([])
    fc.assert(
      fc.property(fc.jsonValue({ stringUnit: unit, maxDepth: 4 }), (value) => {
        expect(unsafeTextPaths(value, Number.POSITIVE_INFINITY)).toEqual(oraclePaths(value))
      }),
      { numRuns: 1000 },
    )
  })

  it('stops at the limit and survives nesting deeper than the call stack', () => {
    expect(
      unsafeTextPaths(
        Array.from({ length: 50 }, () => '\0'),
        3,
      ),
    ).toEqual([[0], [1], [2]])
    const depth = 200_000
    const [path] = unsafeTextPaths(JSON.parse(`${'['.repeat(depth)}"\\u0000"${']'.repeat(depth)}`))
    expect(path).toEqual(Array(depth).fill(0))
  })
})
