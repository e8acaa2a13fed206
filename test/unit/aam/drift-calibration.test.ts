// The product's auto-apply threshold against the drift fixtures (test/fixtures/drift and, when
// present, the shared dev set): renames reported at or above it must be right >= 98% of the time
// and cover >= 80% of the true renames (issue 18), and no 0-change control may report anything.
import { describe, expect, it } from 'vitest'
import { calibrate, DEFAULT_ROOTS, runScenarios } from '../../../scripts/drift-calibration.ts'
import { AUTO_APPLY_THRESHOLD } from '../../../workers/core/aam/drift/auto-apply.ts'

describe('drift rename confidence calibration', () => {
  const cal = calibrate(runScenarios(DEFAULT_ROOTS))

  it('renames at or above the auto-apply threshold are right >= 98% of the time and cover >= 80%', () => {
    const at = cal.at(AUTO_APPLY_THRESHOLD)
    expect(at.precision).toBeGreaterThanOrEqual(0.98)
    expect(at.coverage).toBeGreaterThanOrEqual(0.8)
  })

  it('scores micro F1 >= 0.95 with every control clean', () => {
    expect(cal.micro.f1).toBeGreaterThanOrEqual(0.95)
    expect(cal.controlsClean).toBe(true)
  })

  it('counts a wrong rename against precision and a missed one against coverage', () => {
    const one = calibrate([
      {
        name: 'x',
        gold: [{ kind: 'renamed', path: 'b', from: 'a', to: 'b', severity: 'breaking', confidence: 1 }],
        got: [
          { kind: 'renamed', path: 'c', from: 'a', to: 'c', severity: 'breaking', confidence: 0.9 },
          { kind: 'added', path: 'b', severity: 'non_breaking' },
        ],
      },
    ])
    expect(one.at(0.5)).toMatchObject({ precision: 0, coverage: 0, reported: 1 })
    expect(one.at(0.95)).toMatchObject({ precision: 1, coverage: 0, reported: 0 })
  })
})
