import { describe, expect, it } from 'vitest'
import { coerce, exportColumns, extraColumns, toColumnArrays } from '../../../workers/core/aam/export/record-columns.ts'

const schema = [
  { path: 'id', type: 'integer' as const, nullable: false },
  { path: 'active', type: 'boolean' as const, nullable: true },
  { path: 'address.city', type: 'string' as const, nullable: true },
  { path: 'tags', type: 'array' as const, nullable: true },
]

describe('export columns from a stream schema', () => {
  it('types columns from the schema and reads nested and flat-dotted fields', () => {
    const columns = exportColumns(schema)
    expect(columns.map((c) => [c.name, c.kind])).toEqual([
      ['external_id', 'text'],
      ['id', 'float'],
      ['active', 'bool'],
      ['address.city', 'text'],
      ['tags', 'text'],
    ])
    const rows = [
      { external_id: 'a', attributes: { id: '7', active: 'TRUE', address: { city: 'Oslo' }, tags: ['x', 'y'] } },
      { external_id: 'b', attributes: { id: 8, active: false, 'address.city': 'Lima' } },
    ]
    expect(toColumnArrays(columns, rows)).toEqual([
      ['a', 'b'],
      [7, 8],
      [true, false],
      ['Oslo', 'Lima'],
      ['["x","y"]', null],
    ])
  })

  it('turns values that do not fit their column into null instead of a wrong value', () => {
    expect(coerce('float', 'twelve')).toBeNull()
    expect(coerce('float', '')).toBeNull()
    expect(coerce('bool', 'yes')).toBeNull()
    expect(coerce('text', 12)).toBe('12')
  })

  it('keeps fields from older schemas as text columns, once each', () => {
    const columns = exportColumns(schema)
    const extra = extraColumns(columns, [
      { attributes: { id: 1, full_name: 'Ada' } },
      { attributes: { full_name: 'Grace', legacy: 3 } },
    ])
    expect(extra.map((c) => [c.name, c.kind])).toEqual([
      ['full_name', 'text'],
      ['legacy', 'text'],
    ])
  })
})
