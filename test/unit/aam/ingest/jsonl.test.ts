import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createJsonlParser } from '../../../../workers/core/aam/ingest/jsonl.ts'
import type { JsonlOptions, JsonlRow } from '../../../../workers/core/aam/ingest/parsed-rows.ts'

function parse(text: string, cuts: readonly number[] = [], options: JsonlOptions = {}): JsonlRow[] {
  const parser = createJsonlParser(options)
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b)
  const rows: JsonlRow[] = []
  let from = 0
  for (const p of [...points, text.length]) {
    rows.push(...parser.push(text.slice(from, p)))
    from = p
  }
  return [...rows, ...parser.end()]
}

describe('createJsonlParser', () => {
  it('yields one record per line with its line number, skipping blank lines', () => {
    expect(parse('\uFEFF{"a":1}\r\n\n  \n{"b":{"c":[1,2]}}')).toEqual([
      { ok: true, line: 1, record: { a: 1 } },
      { ok: true, line: 4, record: { b: { c: [1, 2] } } },
    ])
  })

  it('quarantines invalid JSON and non-object lines with a reason, and keeps going', () => {
    const rows = parse('{"a":1}\n{"a":\n[1,2]\n"text"\nnull\n{"a":2}\n')
    expect(rows.filter((r) => r.ok).map((r) => r.line)).toEqual([1, 6])
    const bad = rows.filter((r) => !r.ok)
    expect(bad.map((r) => [r.line, r.raw])).toEqual([
      [2, '{"a":'],
      [3, '[1,2]'],
      [4, '"text"'],
      [5, 'null'],
    ])
    expect(bad.map((r) => (r.ok ? '' : r.reason))).toEqual([
      expect.stringMatching(/^invalid JSON/),
      'expected a JSON object, got an array',
      'expected a JSON object, got a string',
      'expected a JSON object, got null',
    ])
  })

  it('reports an over-long line without buffering it, then resumes on the next line', () => {
    const long = `{"a":"${'x'.repeat(500)}"}`
    const rows = parse(`${long}\n{"b":1}\n`, [100, 200, 300], { maxLineChars: 64 })
    expect(rows).toEqual([
      { ok: false, line: 1, reason: 'line longer than 64 characters', raw: long.slice(0, 64), truncated: true },
      { ok: true, line: 2, record: { b: 1 } },
    ])
  })

  it('quarantines what Postgres cannot store: escaped NULs and lone surrogates, bytes that are not UTF-8, deep nesting', () => {
    const deep = `{"a":${'['.repeat(200)}${']'.repeat(200)}}`
    const rows = parse(
      [
        '{"a":"x\\u0000y"}',
        '{"b":{"c":["\\ud800"]}}',
        '{"\\u0000k":1}',
        '{"d":"caf\udce9"}',
        deep,
        '{"e":"\\ud83d\\ude00"}',
      ].join('\n'),
    )
    expect(rows.map((r) => (r.ok ? r.record : r.reason))).toEqual([
      'field "a" contains a NUL character (U+0000), which cannot be stored',
      'field "b.c[0]" contains an unpaired UTF-16 surrogate (e.g. \\ud800 without its pair), which is not valid Unicode',
      'field "\uFFFDk" contains a NUL character (U+0000), which cannot be stored',
      '1 bytes are not valid UTF-8 text',
      expect.stringMatching(/^field "a(\[0\]){99}" is nested more than 100 levels deep$/),
      { e: '😀' },
    ])
    expect(rows.map((r) => (r.ok ? '' : r.raw))[0]).toBe('{"a":"x\\u0000y"}')
  })

  it('ignores a BOM opening any line and counts blank lines', () => {
    const parser = createJsonlParser()
    const rows = [...parser.push('\uFEFF{"a":1}\n\n\uFEFF{"a":2}\n  \n'), ...parser.end()]
    expect(rows.map((r) => r.ok && r.record)).toEqual([{ a: 1 }, { a: 2 }])
    expect(parser.blankLines).toBe(2)
  })

  it('reads the Mongo export fixture', () => {
    const text = readFileSync(join(import.meta.dirname, '../../../fixtures/ingest/contacts.jsonl'), 'utf8')
    const rows = parse(text)
    expect(rows.map((r) => [r.line, r.ok])).toEqual([
      [1, true],
      [2, true],
      [4, false],
      [5, false],
      [6, true],
    ])
  })

  it('gives the same rows wherever the chunks are cut (fast-check)', () => {
    const value = fc.jsonValue({ maxDepth: 2 })
    const line = fc.oneof(
      fc.dictionary(fc.string({ maxLength: 4 }), value, { maxKeys: 3 }).map((o) => JSON.stringify(o)),
      value.map((v) => JSON.stringify(v)),
      fc.string({ unit: fc.constantFrom('{', '}', '"', 'a', ':', ' ', '\r'), maxLength: 6 }),
    )
    fc.assert(
      fc.property(
        fc.array(line, { maxLength: 8 }),
        fc.constantFrom('\n', '\r\n'),
        fc.array(fc.nat(), { maxLength: 20 }),
        (lines, eol, cuts) => {
          const text = lines.join(eol)
          expect(parse(text, cuts)).toEqual(parse(text))
        },
      ),
      { numRuns: 500 },
    )
  })
})
