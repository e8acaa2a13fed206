// `aos resolve` as a user runs it: a JSONL file in, clusters out; bad lines named on stderr and skipped.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { aos as runAos, scratch } from '../../support/aos-cli.ts'

const { dir, file } = scratch('aos-resolve-')
const aos = (...args: string[]) => runAos('resolve', ...args)

const person = (id: string | number, first: string, last: string, birthdate: string, nationalId: string) =>
  JSON.stringify({
    id,
    source: 'crm',
    fields: {
      first_name: first,
      last_name: last,
      street_number: '31',
      street: 'bemm place',
      address_line2: null,
      suburb: 'hillside',
      postcode: 2261,
      state: 'qld',
      birthdate,
      national_id: nationalId,
    },
  })

describe('aos resolve', () => {
  it('prints every record in one cluster, duplicates together, skipping and naming bad lines', () => {
    const input = file(
      'records.jsonl',
      [
        person('a', 'isaac', 'webb', '1943-01-06', '1608224'),
        '{"id": "broken", "source": ',
        JSON.stringify({ id: 'no-fields', source: 'crm' }),
        JSON.stringify({ source: 'crm', fields: {} }),
        JSON.stringify({ id: 'bad-value', source: 'crm', fields: { first_name: ['isaac'] } }),
        '',
        person('b', 'isaak', 'webb', '06/01/1943', '1608224'),
        person('a', 'someone', 'else', '1990-01-01', '9999999'),
        person(7, 'kobe', 'korbut', '1909-05-19', '9712042'),
      ].join('\n'),
    )
    const r = aos(input)
    expect(r.code).toBe(0)
    const clusters = (JSON.parse(r.stdout) as { clusters: Array<Array<string | number>> }).clusters
    expect(clusters.map((c) => [...c].sort())).toEqual([['a', 'b'], [7]])
    expect(r.stderr).toMatch(/line 2: not valid JSON .*; skipped/)
    expect(r.stderr).toMatch(
      /line 3 \(id "no-fields"\): needs "fields", an object of strings, numbers or nulls; skipped/,
    )
    expect(r.stderr).toMatch(/line 4: needs an "id" \(string or number\); skipped/)
    expect(r.stderr).toMatch(
      /line 5 \(id "bad-value"\): field "first_name" must be a string, a number or null; skipped/,
    )
    expect(r.stderr).toMatch(/line 8 \(id "a"\): id already used by an earlier line; skipped/)
    expect(r.stderr).toMatch(/3 of 9 lines read, 5 skipped from crm; .*1 clusters of 2\+ records/)
    expect(r.stderr).toMatch(/aos resolve: blocked: \d+ candidate pairs/)
    expect(r.stderr).not.toMatch(/\n\s+at /)
  })

  it('prints no clusters for an empty file', () => {
    const r = aos(file('empty.jsonl', ''))
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toEqual({ clusters: [] })
  })

  it('exits 2 with a message for a missing file, a directory or a wrong argument count', () => {
    const missing = aos(join(dir, 'nope.jsonl'))
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/nope\.jsonl: cannot read file \(no such file\)/)
    expect(missing.stdout).toBe('')
    expect(aos(dir).stderr).toMatch(/cannot read file \(is a directory\)/)
    const none = aos()
    expect(none.code).toBe(2)
    expect(none.stderr).toMatch(/aos resolve: expected one file, RECORDS\.jsonl/)
    expect(aos('a.jsonl', 'b.jsonl').code).toBe(2)
  })
})
