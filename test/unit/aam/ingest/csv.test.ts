import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createCsvParser, normalizeHeader, parseCsv } from '../../../../workers/core/aam/ingest/csv.ts'
import type { CsvOptions, CsvRow } from '../../../../workers/core/aam/ingest/parsed-rows.ts'

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../../../fixtures/ingest', name), 'utf8')

/** Feeds `text` to a fresh parser in pieces cut at `cuts` (positions, any order, duplicates allowed). */
function parseInPieces(text: string, cuts: readonly number[], options: CsvOptions = {}) {
  const parser = createCsvParser(options)
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b)
  const rows: CsvRow[] = []
  let from = 0
  for (const p of [...points, text.length]) {
    rows.push(...parser.push(text.slice(from, p)))
    from = p
  }
  rows.push(...parser.end())
  return { header: parser.header, rows }
}

const okRecords = (rows: CsvRow[]) => rows.flatMap((r) => (r.ok ? [r.record] : []))
const errors = (rows: CsvRow[]) => rows.flatMap((r) => (r.ok ? [] : [r]))

/** RFC 4180 writer: quote when needed (and always for an empty single column, else it is a blank line). */
function writeCsv(header: string[], rows: string[][], eol: string, delimiter = ','): { text: string; lines: number[] } {
  const cell = (v: string) =>
    v.includes(delimiter) ||
    v.includes('"') ||
    v.includes('\r') ||
    v.includes('\n') ||
    (v === '' && header.length === 1)
      ? `"${v.replaceAll('"', '""')}"`
      : v
  let text = `${header.map(cell).join(delimiter)}${eol}`
  const lines: number[] = []
  let line = 2
  for (const row of rows) {
    lines.push(line)
    const record = row.map(cell).join(delimiter)
    text += `${record}${eol}`
    line += 1 + (record.match(/\n|\r(?!\n)/g)?.length ?? 0)
  }
  return { text, lines }
}

describe('createCsvParser', () => {
  it('reads records keyed by header, with quoted commas, escaped quotes and empty fields', () => {
    const { header, rows } = parseCsv('id,name,note\n1,"Globex, Inc.",\n2,"Initech ""Labs""",x\n')
    expect(header).toEqual(['id', 'name', 'note'])
    expect(rows).toEqual([
      { ok: true, line: 2, record: { id: '1', name: 'Globex, Inc.', note: '' } },
      { ok: true, line: 3, record: { id: '2', name: 'Initech "Labs"', note: 'x' } },
    ])
  })

  it('strips a BOM, accepts CRLF, LF and lone CR, and needs no final line break', () => {
    const { header, rows } = parseCsv('\uFEFFa,b\r\n1,2\n3,4\r5,6')
    expect(header).toEqual(['a', 'b'])
    expect(okRecords(rows)).toEqual([
      { a: '1', b: '2' },
      { a: '3', b: '4' },
      { a: '5', b: '6' },
    ])
    expect(rows.map((r) => r.line)).toEqual([2, 3, 4])
  })

  it('keeps quoted line breaks in the value and numbers records by the line they start on', () => {
    const { rows } = parseCsv('id,address\n1,"1 Main St\nSpringfield"\n2,"a\r\nb\r\nc"\n3,x\n')
    expect(okRecords(rows)).toEqual([
      { id: '1', address: '1 Main St\nSpringfield' },
      { id: '2', address: 'a\r\nb\r\nc' },
      { id: '3', address: 'x' },
    ])
    expect(rows.map((r) => r.line)).toEqual([2, 4, 7])
  })

  it('reports ragged rows with their line number and raw text, and keeps going', () => {
    const { rows } = parseCsv('a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12\n')
    expect(okRecords(rows)).toEqual([
      { a: '1', b: '2', c: '3' },
      { a: '10', b: '11', c: '12' },
    ])
    expect(errors(rows)).toEqual([
      { ok: false, line: 3, reason: 'expected 3 fields, got 2', raw: '4,5' },
      { ok: false, line: 4, reason: 'expected 3 fields, got 4', raw: '6,7,8,9' },
    ])
  })

  it('treats a trailing delimiter as one more empty field', () => {
    expect(parseCsv('a,b\n1,\n,\n').rows).toEqual([
      { ok: true, line: 2, record: { a: '1', b: '' } },
      { ok: true, line: 3, record: { a: '', b: '' } },
    ])
  })

  it('skips blank lines (they still count for line numbers) unless told not to', () => {
    expect(parseCsv('a\n\n1\n\r\n2\n\n').rows).toEqual([
      { ok: true, line: 3, record: { a: '1' } },
      { ok: true, line: 5, record: { a: '2' } },
    ])
    expect(okRecords(parseCsv('a\n\n1\n', { skipEmptyLines: false }).rows)).toEqual([{ a: '' }, { a: '1' }])
  })

  it('takes a configurable delimiter', () => {
    expect(okRecords(parseCsv('a;b\n"1;2";3,4\n', { delimiter: ';' }).rows)).toEqual([{ a: '1;2', b: '3,4' }])
    expect(okRecords(parseCsv('a\tb\nx y\tz\n', { delimiter: '\t' }).rows)).toEqual([{ a: 'x y', b: 'z' }])
    expect(() => createCsvParser({ delimiter: '"' })).toThrow()
  })

  it('reads every record as data when the header is given', () => {
    const { header, rows } = parseCsv('1,2\n3,4\n', { header: ['x', 'y'] })
    expect(header).toEqual(['x', 'y'])
    expect(okRecords(rows)).toEqual([
      { x: '1', y: '2' },
      { x: '3', y: '4' },
    ])
  })

  it('makes header names usable keys: trimmed, blank ones named, duplicates numbered', () => {
    expect(normalizeHeader([' id ', '', 'name', 'name', 'name_2'])).toEqual([
      'id',
      'column_2',
      'name',
      'name_2',
      'name_2_2',
    ])
    const { rows } = parseCsv('__proto__,b\n1,2\n')
    const record = rows[0]?.ok ? rows[0].record : {}
    expect(Object.keys(record)).toEqual(['__proto__', 'b'])
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype)
  })

  it('reports an unterminated quote at the end of the input', () => {
    expect(parseCsv('a,b\n1,2\n3,"open').rows).toEqual([
      { ok: true, line: 2, record: { a: '1', b: '2' } },
      { ok: false, line: 3, reason: 'unterminated quoted field', raw: '3,"open' },
    ])
  })

  it('quarantines only the line of an unterminated quote and reads the lines it swallowed again', () => {
    const { rows } = parseCsv('a,b\n1,2\n3,"open\n4,four\r\n5,five')
    expect(rows).toEqual([
      { ok: true, line: 2, record: { a: '1', b: '2' } },
      { ok: false, line: 3, reason: expect.stringMatching(/^unterminated quoted field; .*lines 3-5/), raw: '3,"open' },
      { ok: true, line: 4, record: { a: '4', b: 'four' } },
      { ok: true, line: 5, record: { a: '5', b: 'five' } },
    ])
  })

  it('reads the lines between a stray quote and the quote that seemed to close it as records', () => {
    const { rows } = parseCsv('id,name\n1,"stray\n2,two\n3,"three"\n4,four\n')
    expect(errors(rows)).toEqual([
      { ok: false, line: 2, reason: expect.stringMatching(/after closing quote.*lines 2-4/), raw: '1,"stray' },
    ])
    expect(okRecords(rows)).toEqual([
      { id: '2', name: 'two' },
      { id: '3', name: 'three' },
      { id: '4', name: 'four' },
    ])
    expect(rows.map((r) => r.line)).toEqual([2, 3, 4, 5])
  })

  it('keeps a well-formed record that spans lines whole', () => {
    expect(parseCsv('id,note\n1,"two\nlines"\n2,x\n').rows).toEqual([
      { ok: true, line: 2, record: { id: '1', note: 'two\nlines' } },
      { ok: true, line: 4, record: { id: '2', note: 'x' } },
    ])
  })

  it('quarantines a record holding a NUL or bytes that are not UTF-8, naming the column', () => {
    const { rows } = parseCsv('id,name\n1,Bo\u0000b\n2,caf\udce9\n3,"x\u0000\ny"\n4,ok\n')
    expect(errors(rows)).toEqual([
      {
        ok: false,
        line: 2,
        reason: 'column "name" contains a NUL character (U+0000), which cannot be stored',
        raw: '1,Bo\u0000b',
      },
      { ok: false, line: 3, reason: 'column "name" has bytes that are not valid UTF-8 text', raw: '2,caf\udce9' },
      // A sound record spanning lines stays one quarantined record.
      { ok: false, line: 4, reason: expect.stringContaining('NUL'), raw: '3,"x\u0000\ny"' },
    ])
    expect(okRecords(rows)).toEqual([{ id: '4', name: 'ok' }])
  })

  it('quarantines every record under a header that cannot be stored', () => {
    const { rows } = parseCsv('id,na\u0000me\n1,a\n2,b\n')
    expect(rows.map((r) => (r.ok ? 'ok' : r.reason))).toEqual([
      'the name of column 2 in the header contains a NUL character (U+0000), which cannot be stored',
      'the name of column 2 in the header contains a NUL character (U+0000), which cannot be stored',
    ])
  })

  it('counts the blank lines it skips', () => {
    const parser = createCsvParser()
    parser.push('a\n\n1\n\r\n2\n\n')
    parser.end()
    expect(parser.blankLines).toBe(3)
  })

  it('flags text after a closing quote but keeps parsing', () => {
    const { rows } = parseCsv('a,b\n"x"y,1\n2,3\n')
    expect(rows[0]).toMatchObject({ ok: false, line: 2, raw: '"x"y,1' })
    expect(rows[0]?.ok === false && rows[0].reason).toMatch(/after closing quote/)
    expect(rows[1]).toEqual({ ok: true, line: 3, record: { a: '2', b: '3' } })
  })

  it('keeps a quote inside an unquoted field as text', () => {
    expect(okRecords(parseCsv('size,item\n5" screen,tv\n').rows)).toEqual([{ size: '5" screen', item: 'tv' }])
  })

  it('does not let a stray quote swallow the rest of a large file', () => {
    const body = Array.from({ length: 200 }, (_, i) => `${i},row ${i}`).join('\n')
    const text = `id,name\n1,"stray\n${body}\n`
    const { rows } = parseInPieces(text, [10, 100, 500, 1000, 2000], { maxRecordChars: 300 })
    expect(errors(rows)).toEqual([
      {
        ok: false,
        line: 2,
        reason: expect.stringMatching(/^quoted field longer than 300 characters/),
        raw: '1,"stray',
      },
    ])
    expect(okRecords(rows)).toHaveLength(200)
    expect(okRecords(rows).at(-1)).toEqual({ id: '199', name: 'row 199' })
  })

  it('reports a line over the size limit with its start, flagged as truncated, and resumes after it', () => {
    const { rows } = parseCsv(`id,name\n1,${'x'.repeat(100)}\n2,y\n`, { maxRecordChars: 50 })
    expect(rows).toEqual([
      { ok: false, line: 2, reason: 'record longer than 50 characters', raw: `1,${'x'.repeat(48)}`, truncated: true },
      { ok: true, line: 3, record: { id: '2', name: 'y' } },
    ])
  })

  it('returns nothing for an empty input and only a header for a header-only file', () => {
    expect(parseCsv('')).toEqual({ header: undefined, rows: [] })
    expect(parseCsv('a,b\r\n')).toEqual({ header: ['a', 'b'], rows: [] })
  })

  it('parses the CRM export fixture, quarantining its ragged row', () => {
    const { header, rows } = parseCsv(fixture('accounts-v1.csv'))
    expect(header?.[0]).toBe('Id')
    expect(okRecords(rows).map((r) => r.Id)).toEqual(['001A', '001B', '001C', '001D', '001F'])
    expect(okRecords(rows)[3]?.['Account Name']).toBe('Umbrella\r\nHoldings')
    expect(errors(rows)).toEqual([
      { ok: false, line: 7, reason: 'expected 9 fields, got 6', raw: '001E,Hooli,hooli.xyz,Software,7500000,900' },
    ])
    expect(rows.map((r) => r.line)).toEqual([2, 3, 4, 5, 7, 8])
  })
})

describe('createCsvParser under arbitrary chunking (fast-check)', () => {
  const alphabet = fc.constantFrom('a', 'b', ' ', ',', ';', '"', '\r', '\n', 'é', '😀')
  const value = fc.string({ unit: alphabet, maxLength: 8 })
  const name = fc.string({ unit: fc.constantFrom('a', 'b', 'c', '_', '1'), minLength: 1, maxLength: 4 })
  const table = fc.uniqueArray(name, { minLength: 1, maxLength: 5 }).chain((header) =>
    fc.record({
      header: fc.constant(header),
      rows: fc.array(fc.array(value, { minLength: header.length, maxLength: header.length }), { maxLength: 12 }),
      eol: fc.constantFrom('\n', '\r\n'),
      delimiter: fc.constantFrom(',', ';', '\t'),
      cuts: fc.array(fc.nat(), { maxLength: 30 }),
    }),
  )

  it('reads back exactly what an RFC 4180 writer wrote, wherever the chunks are cut', () => {
    fc.assert(
      fc.property(table, ({ header, rows, eol, delimiter, cuts }) => {
        const { text, lines } = writeCsv(header, rows, eol, delimiter)
        const parsed = parseInPieces(text, cuts, { delimiter })
        expect(parsed.header).toEqual(header)
        expect(parsed.rows).toEqual(
          rows.map((row, i) => ({
            ok: true,
            line: lines[i],
            record: Object.fromEntries(header.map((h, k) => [h, row[k]])),
          })),
        )
      }),
      { numRuns: 500 },
    )
  })

  it('gives the same rows, errors and line numbers for any split of any text', () => {
    const text = fc.string({
      unit: fc.constantFrom('a', ',', '"', '\r', '\n', '\uFEFF', '\u0000', '\udce9'),
      maxLength: 60,
    })
    fc.assert(
      fc.property(text, fc.array(fc.nat(), { maxLength: 20 }), (t, cuts) => {
        expect(parseInPieces(t, cuts, { maxRecordChars: 16 })).toEqual(parseCsv(t, { maxRecordChars: 16 }))
      }),
      { numRuns: 1000 },
    )
  })

  it('gives the same result one character at a time', () => {
    const text = fixture('accounts-v1.csv')
    expect(
      parseInPieces(
        text,
        [...text].map((_, i) => i),
      ),
    ).toEqual(parseCsv(text))
  })
})
