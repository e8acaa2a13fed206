// Runs the matcher over the dev tasks in test/fixtures/evals/mapping (modelled on public vendor
// documentation, see SOURCES.md there) and holds it to the eval's goals: micro F1 >= 0.90,
// must-stay-unmatched accuracy >= 0.98, and nothing at all suggested for the controls.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SnapshotSchema } from '../../../workers/core/aam/schema-snapshot.ts'
import { matchSchemas } from '../../../workers/core/dcl/mapping/match-schemas.ts'

const root = join(import.meta.dirname, '../../fixtures/evals/mapping')
const tasks = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort()

interface Gold {
  matches: Array<{ source: string; target: string; alt?: string[] }>
  notes: string
}
const read = (task: string, file: string): unknown => JSON.parse(readFileSync(join(root, task, file), 'utf8'))

function run(task: string) {
  const source = SnapshotSchema.parse(read(task, 'source.json'))
  const target = SnapshotSchema.parse(read(task, 'target.json'))
  const gold = read(task, 'gold.json') as Gold
  const predicted = new Map(matchSchemas({ source, target }).suggestions.map((s) => [s.source, s.target]))
  const accepted = new Map(gold.matches.map((g) => [g.source, new Set([g.target, ...(g.alt ?? [])])]))
  let tp = 0
  for (const [s, t] of predicted) if (accepted.get(s)?.has(t)) tp++
  const mustStay = source.map((f) => f.path).filter((p) => !accepted.has(p))
  return {
    tp,
    fp: predicted.size - tp,
    fn: gold.matches.length - tp,
    stayed: mustStay.filter((p) => !predicted.has(p)).length,
    mustStay: mustStay.length,
    control: gold.matches.length === 0,
    predicted: predicted.size,
  }
}

describe('mapping dev tasks', () => {
  it('has at least 12 tasks with notes, gold pairs that exist, and at least two controls', () => {
    expect(tasks.length).toBeGreaterThanOrEqual(12)
    let controls = 0
    for (const task of tasks) {
      const source = new Set(SnapshotSchema.parse(read(task, 'source.json')).map((f) => f.path))
      const target = new Set(SnapshotSchema.parse(read(task, 'target.json')).map((f) => f.path))
      const gold = read(task, 'gold.json') as Gold
      expect(gold.notes.length, task).toBeGreaterThan(20)
      for (const g of gold.matches) {
        expect(source.has(g.source), `${task}: ${g.source}`).toBe(true)
        for (const t of [g.target, ...(g.alt ?? [])]) expect(target.has(t), `${task}: ${t}`).toBe(true)
      }
      if (gold.matches.length === 0) controls++
    }
    expect(controls).toBeGreaterThanOrEqual(2)
  })

  it('meets the goals: micro F1 >= 0.90, unmatched accuracy >= 0.98, clean controls', () => {
    const results = tasks.map((t) => ({ task: t, ...run(t) }))
    const sum = (k: 'tp' | 'fp' | 'fn' | 'stayed' | 'mustStay') => results.reduce((n, r) => n + r[k], 0)
    const precision = sum('tp') / (sum('tp') + sum('fp'))
    const recall = sum('tp') / (sum('tp') + sum('fn'))
    const f1 = (2 * precision * recall) / (precision + recall)
    expect(f1).toBeGreaterThanOrEqual(0.9)
    expect(sum('stayed') / sum('mustStay')).toBeGreaterThanOrEqual(0.98)
    expect(results.filter((r) => r.control && r.predicted > 0).map((r) => r.task)).toEqual([])
  })
})
