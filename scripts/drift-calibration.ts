/**
 * `npx tsx scripts/drift-calibration.ts [DIR ...]`: runs the drift classifier over every scenario
 * directory (old.json, new.json, gold.json) under the given roots (default: test/fixtures/drift and
 * the shared dev set when present) and prints micro F1 and, for each candidate threshold, the
 * precision and coverage of the renames reported at or above it. AUTO_APPLY_THRESHOLD
 * (workers/core/aam/drift/auto-apply.ts) is picked from this table: precision >= 0.98 first,
 * then coverage >= 0.80.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { AUTO_APPLY_THRESHOLD } from '../workers/core/aam/drift/auto-apply.ts'
import { classifyDrift } from '../workers/core/aam/drift/classify.ts'
import { type DriftChange, SnapshotSchema } from '../workers/core/aam/schema-snapshot.ts'

export const DEFAULT_ROOTS = [
  join(import.meta.dirname, '../test/fixtures/drift'),
  '/work/shared/evals/drift/dev',
].filter((d) => existsSync(d))

export interface ScenarioResult {
  name: string
  gold: DriftChange[]
  got: DriftChange[]
}

export interface RenamePoint {
  threshold: number
  precision: number
  coverage: number
  correct: number
  reported: number
}

export interface Calibration {
  scenarios: number
  micro: { precision: number; recall: number; f1: number }
  failing: Array<{ name: string; missed: string[]; spurious: string[] }>
  controlsClean: boolean
  goldRenames: number
  at: (threshold: number) => RenamePoint
}

const key = (c: DriftChange) => [c.kind, c.path, 'from' in c ? c.from : '', 'to' in c ? c.to : '', c.severity].join('|')
const readJson = (dir: string, file: string): unknown => JSON.parse(readFileSync(join(dir, file), 'utf8'))

export function runScenarios(roots: readonly string[]): ScenarioResult[] {
  const out: ScenarioResult[] = []
  for (const root of roots) {
    for (const d of readdirSync(root, { withFileTypes: true })) {
      if (!d.isDirectory()) continue
      const dir = join(root, d.name)
      const gold = (readJson(dir, 'gold.json') as { changes: DriftChange[] }).changes
      const got = classifyDrift(
        SnapshotSchema.parse(readJson(dir, 'old.json')),
        SnapshotSchema.parse(readJson(dir, 'new.json')),
      ).changes
      out.push({ name: d.name, gold, got })
    }
  }
  return out
}

export function calibrate(results: readonly ScenarioResult[]): Calibration {
  let tp = 0
  let goldN = 0
  let gotN = 0
  let controlsClean = true
  const failing: Calibration['failing'] = []
  // Every reported rename with its confidence and whether gold has the same old -> new pair.
  const renames: Array<{ confidence: number; right: boolean }> = []
  let goldRenames = 0
  for (const r of results) {
    const goldKeys = new Set(r.gold.map(key))
    const gotKeys = new Set(r.got.map(key))
    const hits = [...gotKeys].filter((k) => goldKeys.has(k)).length
    tp += hits
    goldN += goldKeys.size
    gotN += gotKeys.size
    if (r.gold.length === 0 && r.got.length > 0) controlsClean = false
    if (hits !== goldKeys.size || hits !== gotKeys.size) {
      failing.push({
        name: r.name,
        missed: [...goldKeys].filter((k) => !gotKeys.has(k)),
        spurious: [...gotKeys].filter((k) => !goldKeys.has(k)),
      })
    }
    const goldPairs = new Set(r.gold.filter((c) => c.kind === 'renamed').map((c) => `${c.from}>${c.to}`))
    goldRenames += goldPairs.size
    for (const c of r.got) {
      if (c.kind === 'renamed')
        renames.push({ confidence: c.confidence ?? 0, right: goldPairs.has(`${c.from}>${c.to}`) })
    }
  }
  const precision = gotN === 0 ? 1 : tp / gotN
  const recall = goldN === 0 ? 1 : tp / goldN
  return {
    scenarios: results.length,
    micro: { precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) },
    failing,
    controlsClean,
    goldRenames,
    at: (threshold) => {
      const above = renames.filter((r) => r.confidence >= threshold)
      const correct = above.filter((r) => r.right).length
      return {
        threshold,
        precision: above.length === 0 ? 1 : correct / above.length,
        coverage: goldRenames === 0 ? 1 : correct / goldRenames,
        correct,
        reported: above.length,
      }
    },
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const roots = process.argv.length > 2 ? process.argv.slice(2) : DEFAULT_ROOTS
  const cal = calibrate(runScenarios(roots))
  const f = (x: number) => x.toFixed(3)
  console.log(
    `scenarios ${cal.scenarios}; micro P ${f(cal.micro.precision)} R ${f(cal.micro.recall)} F1 ${f(cal.micro.f1)}`,
  )
  console.log(`controls clean: ${cal.controlsClean}; gold renames ${cal.goldRenames}`)
  for (const s of cal.failing)
    console.log(
      `  ${s.name}\n    missed   ${s.missed.join('\n             ')}\n    spurious ${s.spurious.join('\n             ')}`,
    )
  console.log('threshold  precision  coverage  right/reported')
  for (let t = 0.5; t <= 0.995; t += 0.05) {
    const p = cal.at(Math.round(t * 100) / 100)
    const mark = p.threshold === AUTO_APPLY_THRESHOLD ? '  <- AUTO_APPLY_THRESHOLD' : ''
    console.log(
      `${p.threshold.toFixed(2).padStart(9)}  ${f(p.precision).padStart(9)}  ${f(p.coverage).padStart(8)}  ${p.correct}/${p.reported}${mark}`,
    )
  }
}
