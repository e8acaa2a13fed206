// `aos redact` as a user runs it: JSON lines in and out, a bad line named on stderr and skipped.
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const repo = join(import.meta.dirname, '../../..')
const tsx = join(repo, 'node_modules/.bin/tsx')

const aos = (input: string, ...args: string[]) => {
  const r = spawnSync(tsx, ['scripts/aos.ts', 'redact', ...args], {
    cwd: repo,
    input,
    encoding: 'utf8',
    timeout: 30_000,
  })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

describe('aos redact', () => {
  it('prints one line of spans per input line, skipping and naming bad lines', () => {
    const input = [
      JSON.stringify({ id: 'a', text: 'Call Dr. Hiroshi Tanaka on +44 20 7946 0958.' }),
      '{"id": "b", "text": ',
      JSON.stringify({ id: 'c', txt: 'no text field' }),
      JSON.stringify({ text: 'no id' }),
      '',
      JSON.stringify({ id: 7, text: 'nothing to see here' }),
      JSON.stringify({ id: 'd', text: 'token ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789' }),
    ].join('\n')
    const r = aos(input)
    expect(r.code).toBe(0)
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
    expect(lines).toEqual([
      {
        id: 'a',
        spans: [
          { start: 9, end: 23, type: 'PERSON' },
          { start: 27, end: 43, type: 'PHONE' },
        ],
      },
      { id: 7, spans: [] },
      { id: 'd', spans: [] },
    ])
    expect(r.stderr).toMatch(/line 2: not valid JSON .*; skipped/)
    expect(r.stderr).toMatch(/line 3 \(id "c"\): needs a "text" string; skipped/)
    expect(r.stderr).toMatch(/line 4: needs an "id" \(string or number\); skipped/)
    expect(r.stderr).toMatch(/3 of 7 lines redacted, 3 skipped; 2 spans \(PERSON 1, PHONE 1\)/)
    expect(r.stderr).not.toMatch(/\n\s+at /)
  })

  it('adds SECRET spans on request and reads known names from a file', () => {
    const input = JSON.stringify({ id: 'd', text: 'token ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789 for qwerty xylo' })
    const names = join(repo, 'test/fixtures/redact/known-names.txt')
    const r = aos(input, '--include-secrets', '--known-names', names)
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout).spans.map((s: { type: string }) => s.type)).toEqual(['SECRET', 'PERSON'])
  })

  it('exits 2 on an unknown argument or a missing names file', () => {
    expect(aos('', 'input.jsonl').code).toBe(2)
    const missing = aos('', '--known-names', 'nope.txt')
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/nope\.txt: cannot read file \(no such file\)/)
  })
})
