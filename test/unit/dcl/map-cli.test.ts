// `aos map` as a user runs it: pairs as JSON, --explain for the evidence, exit 2 with a clear
// message on bad input.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { aos, scratch } from '../../support/aos-cli.ts'

const { dir, file } = scratch('aos-map-')

const source = file(
  'source.json',
  JSON.stringify([
    { path: 'Id', type: 'string', nullable: false },
    { path: 'Email', type: 'string', nullable: true, samples: ['ada@example.com'] },
    { path: 'MailingCity', type: 'string', nullable: true },
    { path: 'OtherCity', type: 'string', nullable: true },
  ]),
)
const target = file(
  'target.json',
  JSON.stringify([
    { path: 'contact_id', type: 'string', nullable: false },
    { path: 'email', type: 'string', nullable: true },
    { path: 'mailing_address.city', type: 'string', nullable: true },
  ]),
)

describe('aos map', () => {
  it('prints [{source, target, confidence}], leaving look-alikes out', () => {
    const r = aos('map', source, target)
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout) as Array<{ source: string; target: string; confidence: number }>
    expect(out.map((p) => `${p.source}->${p.target}`)).toEqual([
      'Id->contact_id',
      'Email->email',
      'MailingCity->mailing_address.city',
    ])
    for (const p of out) expect(Object.keys(p)).toEqual(['source', 'target', 'confidence'])
  })

  it('explains with --explain: evidence, ambiguity and why the rest stayed unmatched', () => {
    const r = aos('map', '--explain', source, target)
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout) as {
      suggestions: Array<{ evidence: string[]; ambiguous: boolean }>
      unmatched: Array<{ source: string; reason: string }>
    }
    expect(out.suggestions[1]?.evidence.join(' ')).toMatch(/email/)
    expect(out.unmatched).toEqual([expect.objectContaining({ source: 'OtherCity', reason: expect.any(String) })])
  })

  it('exits 2 naming the file on a missing file, invalid JSON or a bad snapshot, without a stack trace', () => {
    const missing = aos('map', join(dir, 'nope.json'), target)
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/nope\.json: cannot read file \(no such file\)/)
    const broken = aos('map', source, file('broken.json', '[{"path": '))
    expect(broken.code).toBe(2)
    expect(broken.stderr).toMatch(/broken\.json: not valid JSON/)
    const bad = aos('map', file('bad.json', JSON.stringify([{ path: 'a', type: 'text', nullable: true }])), target)
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/bad\.json: not a valid schema snapshot/)
    expect(bad.stderr).toMatch(/entry 0 \(path "a"\): field "type" must be one of/)
    for (const r of [missing, broken, bad]) {
      expect(r.stdout).toBe('')
      expect(r.stderr).not.toMatch(/\n\s+at /)
    }
  })

  it('exits 2 with the usage on a wrong number of files or an unknown option', () => {
    const one = aos('map', source)
    expect(one.code).toBe(2)
    expect(one.stderr).toMatch(/aos map: expected two files, SOURCE\.json and TARGET\.json/)
    expect(one.stderr).toMatch(/usage: aos/)
    const flag = aos('map', '--llm', source, target)
    expect(flag.code).toBe(2)
    expect(flag.stderr).toMatch(/unknown option --llm/)
  })
})
