// `aos search` as a user runs it: two JSON-lines files in, one ranking per query out; bad input exits 2
// naming the file and line, before any store is started.
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const repo = join(import.meta.dirname, '../../..')
const tsx = join(repo, 'node_modules/.bin/tsx')
const dir = mkdtempSync(join(tmpdir(), 'aos-search-'))
const file = (name: string, lines: unknown[]) => {
  const path = join(dir, name)
  writeFileSync(path, lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n'))
  return path
}

const aos = (...args: string[]) => {
  const r = spawnSync(tsx, ['scripts/aos.ts', 'search', ...args], { cwd: repo, encoding: 'utf8', timeout: 60_000 })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

const corpus = file('corpus.jsonl', [
  { id: 'wing', title: 'Swept wings', text: 'Boundary-layer transition on swept wings at supersonic speed.' },
  { id: 'ledger', text: 'The quarterly ledger shows revenue growth in every region.' },
  { id: 3, text: 'Heat transfer in hypersonic flow over a blunt body.' },
])
const queries = file('queries.jsonl', [
  { id: 'q1', text: 'transition of the boundary layer on a swept wing' },
  { id: 'q2', text: 'revenue by region' },
])

describe('aos search', () => {
  it('ranks documents for each query, best first, as {"query_id","results":[{"id","score"}]}', async () => {
    // Asynchronous: the embedded store takes a while to start on a busy machine.
    const child = spawn(tsx, ['scripts/aos.ts', 'search', corpus, queries, '--top', '2'], { cwd: repo })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => {
      stdout += d
    })
    child.stderr.on('data', (d) => {
      stderr += d
    })
    const code = await new Promise((resolve) => child.on('close', resolve))
    expect(code, stderr).toBe(0)
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
    expect(lines.map((l) => l.query_id)).toEqual(['q1', 'q2'])
    expect(lines[0].results[0].id).toBe('wing')
    expect(lines[1].results[0].id).toBe('ledger')
    for (const l of lines) {
      expect(l.results.length).toBeLessThanOrEqual(2)
      expect(l.results[0].score).toBeGreaterThan(0)
    }
    expect(stderr).toMatch(/3 documents \(\d+ chunks\) loaded/)
  }, 120_000)

  it('exits 2 naming the file and line of a bad corpus or query line', () => {
    const badJson = aos(file('bad.jsonl', [{ id: 'a', text: 'ok' }, '{"id": "b", ']), queries)
    expect(badJson.code).toBe(2)
    expect(badJson.stderr).toMatch(/bad\.jsonl:2: not valid JSON/)
    const noText = aos(corpus, file('q-bad.jsonl', [{ id: 'q', query: 'no text field' }]))
    expect(noText.code).toBe(2)
    expect(noText.stderr).toMatch(/q-bad\.jsonl:1: expected \{"id", "text"\}/)
    const twice = aos(
      file('dup.jsonl', [
        { id: 'a', text: 'x' },
        { id: 'a', text: 'y' },
      ]),
      queries,
    )
    expect(twice.code).toBe(2)
    expect(twice.stderr).toMatch(/dup\.jsonl:2: id "a" appears twice/)
    expect(aos(file('empty.jsonl', ['']), queries).stderr).toMatch(/empty\.jsonl: no lines/)
  }, 120_000)

  it('exits 2 on missing files, a wrong number of files and bad options', () => {
    expect(aos(corpus).code).toBe(2)
    const missing = aos(join(dir, 'nope.jsonl'), queries)
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/nope\.jsonl: cannot read file \(no such file\)/)
    expect(aos(corpus, queries, '--mode', 'semantic').stderr).toMatch(/--mode must be one of hybrid, fulltext, vector/)
    expect(aos(corpus, queries, '--top', '0').stderr).toMatch(/--top needs a number from 1 to 1000/)
    expect(aos(corpus, queries, '--frobnicate').stderr).toMatch(/unknown option --frobnicate/)
  }, 120_000)
})
