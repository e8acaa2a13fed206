import { describe, expect, it } from 'vitest'
import { DriftChangeSchema, SnapshotSchema } from '../../../workers/core/aam/schema-snapshot.ts'

const messages = (input: unknown) => {
  const r = SnapshotSchema.safeParse(input)
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
}

describe('SnapshotSchema', () => {
  it('accepts a valid snapshot with optional samples and ignores unknown keys', () => {
    const r = SnapshotSchema.safeParse([
      { path: 'a', type: 'string', nullable: false },
      { path: 'b.c', type: 'integer', nullable: true, samples: [1, null, '2'], description: 'extra' },
    ])
    expect(r.success).toBe(true)
  })

  it('names the entry and field that is wrong', () => {
    expect(messages([{ path: 'a', type: 'int', nullable: true }])).toEqual([
      '0.type: must be one of string, integer, number, boolean, timestamp, date, object, array (got "int")',
    ])
    expect(messages([{ path: 'a', type: 'string' }])).toEqual(['0.nullable: is required'])
    expect(messages([{ path: '', type: 'string', nullable: false }])).toEqual(['0.path: must not be empty'])
    expect(messages([{ path: 'a', type: 'string', nullable: false, samples: 'x' }])[0]).toMatch(
      /^0\.samples: must be an array/,
    )
  })

  it('rejects non-arrays and duplicate paths', () => {
    expect(messages({ fields: [] })[0]).toMatch(/must be a JSON array/)
    expect(
      messages([
        { path: 'a', type: 'string', nullable: false },
        { path: 'a', type: 'integer', nullable: false },
      ]),
    ).toEqual(['1.path: duplicates the path of entry 0'])
  })
})

describe('DriftChangeSchema', () => {
  it('requires from/to on renames and a valid severity', () => {
    expect(DriftChangeSchema.safeParse({ kind: 'renamed', path: 'b', severity: 'breaking' }).success).toBe(false)
    expect(DriftChangeSchema.safeParse({ kind: 'added', path: 'b', severity: 'breaking' }).success).toBe(false)
    expect(
      DriftChangeSchema.safeParse({
        kind: 'type_changed',
        path: 'b',
        from: 'integer',
        to: 'number',
        severity: 'non_breaking',
      }).success,
    ).toBe(true)
  })
})
