// The CLI as a user runs it: tsx scripts/aos.ts, exit codes and messages.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AUTO_APPLY_THRESHOLD } from '../../../workers/core/aam/drift/auto-apply.ts'
import { aos, scratch } from '../../support/aos-cli.ts'

const { dir, file } = scratch('aos-cli-')

const good = file(
  'old.json',
  JSON.stringify([
    { path: 'Email', type: 'string', nullable: false },
    { path: 'qty', type: 'integer', nullable: false },
  ]),
)
const goodNew = file(
  'new.json',
  JSON.stringify([
    { path: 'email', type: 'string', nullable: false },
    { path: 'qty', type: 'number', nullable: true },
  ]),
)

describe('aos CLI', () => {
  it('prints the classified drift as JSON, with the auto-apply threshold beside the changes', () => {
    const r = aos('drift', good, goodNew)
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout) as { auto_apply_threshold: number; changes: Array<{ kind: string; path: string }> }
    expect(out.auto_apply_threshold).toBe(AUTO_APPLY_THRESHOLD)
    expect(out.changes.map((c) => `${c.kind}:${c.path}`)).toEqual([
      'renamed:email',
      'type_changed:qty',
      'nullability_changed:qty',
    ])
  })

  it('prints a fingerprint', () => {
    const r = aos('fingerprint', good)
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/), fields: 2 })
  })

  it('exits 2 naming the file, entry and field of a wrong snapshot, without a stack trace', () => {
    const bad = file(
      'bad.json',
      JSON.stringify([
        { path: 'a', type: 'string', nullable: false },
        { path: 'b', type: 'int' },
      ]),
    )
    const r = aos('drift', good, bad)
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain(bad)
    expect(r.stderr).toMatch(/entry 1 \(path "b"\): field "type" must be one of/)
    expect(r.stderr).toMatch(/entry 1 \(path "b"\): field "nullable" is required/)
    expect(r.stderr).not.toMatch(/\n\s+at /)
  })

  it('exits 2 on a missing file, invalid JSON or a non-array', () => {
    const missing = aos('drift', join(dir, 'nope.json'), good)
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/nope\.json: cannot read file \(no such file\)/)
    const broken = aos('fingerprint', file('broken.json', '[{"path": '))
    expect(broken.code).toBe(2)
    expect(broken.stderr).toMatch(/broken\.json: not valid JSON/)
    const object = aos('fingerprint', file('object.json', '{"fields": []}'))
    expect(object.code).toBe(2)
    expect(object.stderr).toMatch(/object\.json: not a valid schema snapshot:\n\s+must be a JSON array/)
  })

  it('exits 2 with usage on bad usage, 0 with --help', () => {
    for (const args of [[], ['drift', good], ['frobnicate'], ['drift', '--bogus', good, goodNew]]) {
      const r = aos(...args)
      expect(r.code).toBe(2)
      expect(r.stderr).toMatch(/usage: aos/)
    }
    const help = aos('--help')
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(/drift OLD\.json NEW\.json/)
  })
})
