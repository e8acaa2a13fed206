import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { classifyDrift } from '../../../../workers/core/aam/drift/classify.ts'
import { parseCsv } from '../../../../workers/core/aam/ingest/csv.ts'
import { createSchemaInferrer, inferSchema } from '../../../../workers/core/aam/ingest/infer-schema.ts'
import { createJsonlParser } from '../../../../workers/core/aam/ingest/jsonl.ts'
import { SnapshotSchema } from '../../../../workers/core/aam/schema-snapshot.ts'

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../../../fixtures/ingest', name), 'utf8')
const typeOf = (fields: ReturnType<typeof inferSchema>, path: string) => fields.find((f) => f.path === path)?.type
const column = (values: string[]) => values.map((v) => ({ v }))

describe('inferSchema on text (CSV) values', () => {
  it.each([
    [['1', '-20', '0'], 'integer'],
    [['1.5', '-0.25', '1e3', '.5'], 'number'],
    [['true', 'FALSE', 'True'], 'boolean'],
    [['2024-02-29', '1999-12-31'], 'date'],
    [['2024-03-01T10:00:00Z', '2024-03-01 10:00:00', '2024-03-01T10:00:00.123+05:30'], 'timestamp'],
    [['02139', '00501'], 'string'], // ZIP codes keep their leading zeros
    [['12345678901234567890'], 'string'], // beyond exact integers: an identifier
    [['yes', 'no'], 'string'], // conservative: could be an enumeration
    [['2023-02-29'], 'string'], // not a calendar date
    [['1,200'], 'string'],
  ])('%j is %s', (values, type) => {
    expect(typeOf(inferSchema(column(values), { format: 'text' }), 'v')).toBe(type)
  })

  it('widens on conflict along the lattice and falls back to string across branches', () => {
    const infer = (values: string[]) => typeOf(inferSchema(column(values), { format: 'text' }), 'v')
    expect(infer(['1', '2.5'])).toBe('number')
    expect(infer(['2024-01-01', '2024-01-01T10:00:00Z'])).toBe('timestamp')
    expect(infer(['1', 'abc'])).toBe('string')
    expect(infer(['1', '2024-01-01'])).toBe('string')
    expect(infer(['true', '1'])).toBe('string')
  })

  it('reads the empty string as null: the field becomes nullable, its type is kept', () => {
    const fields = inferSchema(column(['1', '', '3']), { format: 'text' })
    expect(fields).toEqual([{ path: 'v', type: 'integer', nullable: true, samples: ['1', '3'] }])
    expect(inferSchema(column(['', '']), { format: 'text' })).toEqual([{ path: 'v', type: 'string', nullable: true }])
  })

  it('keeps up to 10 distinct samples in order of first appearance', () => {
    const values = ['b', 'a', 'b', ...Array.from({ length: 20 }, (_, i) => `x${i}`)]
    const [field] = inferSchema(column(values), { format: 'text' })
    expect(field?.samples).toEqual(['b', 'a', 'x0', 'x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7'])
  })

  it('profiles each field cheaply: counts, capped distinct, min and max', () => {
    const inferrer = createSchemaInferrer({ format: 'text', maxDistinct: 3 })
    for (const [n, d, s] of [
      ['10', '2024-05-01', 'a'],
      ['-2', '2023-01-09', 'b'],
      ['', '2024-12-31', 'c'],
      ['7', '', 'd'],
    ] as const) {
      inferrer.add({ n, d, s })
    }
    expect(inferrer.profile()).toEqual([
      {
        path: 'n',
        type: 'integer',
        nullable: true,
        present: 3,
        nulls: 1,
        missing: 0,
        distinct: 3,
        distinctCapped: false,
        min: -2,
        max: 10,
      },
      {
        path: 'd',
        type: 'date',
        nullable: true,
        present: 3,
        nulls: 1,
        missing: 0,
        distinct: 3,
        distinctCapped: false,
        min: '2023-01-09',
        max: '2024-12-31',
      },
      {
        path: 's',
        type: 'string',
        nullable: false,
        present: 4,
        nulls: 0,
        missing: 0,
        distinct: 3,
        distinctCapped: true,
      },
    ])
  })

  it('compares timestamps in different zones by the instant they name', () => {
    const inferrer = createSchemaInferrer({ format: 'text' })
    for (const t of ['2024-01-01T10:00:00+05:00', '2024-01-01T06:00:00Z', '2024-01-01 04:00:00']) inferrer.add({ t })
    expect(inferrer.profile()[0]).toMatchObject({ min: '2024-01-01 04:00:00', max: '2024-01-01T06:00:00Z' })
  })
})

describe('inferSchema on JSON documents', () => {
  it('flattens nested objects to dotted paths, the object itself included, and keeps arrays whole', () => {
    const fields = inferSchema([
      { id: 1, owner: { login: 'ada', site: { url: 'https://a.example' } }, tags: ['x'], score: 1.5, ok: true },
    ])
    expect(fields.map((f) => [f.path, f.type])).toEqual([
      ['id', 'integer'],
      ['owner', 'object'],
      ['owner.login', 'string'],
      ['owner.site', 'object'],
      ['owner.site.url', 'string'],
      ['tags', 'array'],
      ['score', 'number'],
      ['ok', 'boolean'],
    ])
    expect(SnapshotSchema.safeParse(fields).success).toBe(true)
  })

  it('marks a field nullable when it is null or missing in some document, children of a null object too', () => {
    const fields = inferSchema([{ a: 1, o: { b: 'x' } }, { a: null, o: null }, { o: { b: 'y' } }])
    expect(fields.map((f) => [f.path, f.nullable])).toEqual([
      ['a', true],
      ['o', true],
      ['o.b', true],
    ])
    expect(inferSchema([{ a: 1 }, { a: 2 }])[0]?.nullable).toBe(false)
  })

  it('keeps JSON strings as strings, except ISO dates and timestamps', () => {
    const fields = inferSchema([{ n: '42', b: 'true', d: '2024-01-01', t: '2024-01-01T00:00:00Z', e: '' }])
    expect(fields.map((f) => [f.path, f.type, f.nullable])).toEqual([
      ['n', 'string', false],
      ['b', 'string', false],
      ['d', 'date', false],
      ['t', 'timestamp', false],
      ['e', 'string', false],
    ])
  })

  it('widens integer to number across documents and an object meeting a scalar to string', () => {
    const fields = inferSchema([
      { n: 1, o: { a: 1 } },
      { n: 2.5, o: 'flat' },
    ])
    expect(fields.map((f) => [f.path, f.type])).toEqual([
      ['n', 'number'],
      ['o', 'string'],
      ['o.a', 'integer'],
    ])
  })

  it('reads Mongo extended JSON wrappers as the scalars they stand for', () => {
    const fields = inferSchema([
      { _id: { $oid: '65f1a2b3c4d5e6f708192a3b' }, at: { $date: '2024-03-01T10:00:00Z' }, n: { $numberLong: '9' } },
    ])
    expect(fields).toEqual([
      { path: '_id', type: 'string', nullable: false, samples: ['65f1a2b3c4d5e6f708192a3b'] },
      { path: 'at', type: 'timestamp', nullable: false, samples: ['2024-03-01T10:00:00Z'] },
      { path: 'n', type: 'integer', nullable: false, samples: ['9'] },
    ])
  })

  it('stops adding fields beyond maxFields and says so', () => {
    const inferrer = createSchemaInferrer({ maxFields: 3 })
    inferrer.add(Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`k${i}`, i])))
    expect(inferrer.snapshot()).toHaveLength(3)
    expect(inferrer.truncated).toBe(true)
  })
})

describe('inferred snapshots feed the drift classifier', () => {
  const snapshotOf = (file: string) => {
    const inferrer = createSchemaInferrer({ format: 'text' })
    for (const row of parseCsv(fixture(file)).rows) if (row.ok) inferrer.add(row.record)
    return inferrer.snapshot()
  }

  it('types the CRM export and spots the renamed column in the next export', () => {
    const v1 = snapshotOf('accounts-v1.csv')
    expect(v1.map((f) => [f.path, f.type, f.nullable])).toEqual([
      ['Id', 'string', false],
      ['Account Name', 'string', false],
      ['Website', 'string', false],
      ['Industry', 'string', true],
      ['Annual Revenue', 'string', true], // "$1,200,000" is text until mapped
      ['Employees', 'integer', true],
      ['Active', 'boolean', false],
      ['Created Date', 'date', false],
      ['Last Modified', 'timestamp', false],
    ])
    const changes = classifyDrift(v1, snapshotOf('accounts-v2.csv')).changes
    expect(changes).toContainEqual(expect.objectContaining({ kind: 'renamed', from: 'Account Name', to: 'Company' }))
  })

  it('infers the Mongo export, skipping its quarantined lines', () => {
    const parser = createJsonlParser()
    const inferrer = createSchemaInferrer()
    for (const row of [...parser.push(fixture('contacts.jsonl')), ...parser.end()]) if (row.ok) inferrer.add(row.record)
    expect(inferrer.records).toBe(3)
    expect(inferrer.snapshot().map((f) => `${f.path}:${f.type}${f.nullable ? '?' : ''}`)).toEqual([
      '_id:string',
      'email:string',
      'name:object',
      'name.first:string',
      'name.last:string',
      'account:object?',
      'account.id:string?',
      'tags:array',
      'score:number',
      'updated:timestamp',
    ])
  })
})
