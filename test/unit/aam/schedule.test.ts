import { describe, expect, it } from 'vitest'
import { nextRun, parseCron } from '../../../workers/core/aam/schedule.ts'

const next = (expression: string, after: string) => {
  const parsed = parseCron(expression)
  if (!parsed.ok) throw new Error(parsed.error)
  return nextRun(parsed.cron, new Date(after))?.toISOString() ?? null
}

describe('sync schedules (cron, UTC)', () => {
  it('finds the next matching minute, strictly after the given time', () => {
    expect(next('* * * * *', '2026-11-25T10:15:30Z')).toBe('2026-11-25T10:16:00.000Z')
    expect(next('0 * * * *', '2026-11-25T10:00:00Z')).toBe('2026-11-25T11:00:00.000Z')
    expect(next('*/15 * * * *', '2026-11-25T10:16:00Z')).toBe('2026-11-25T10:30:00.000Z')
    expect(next('30 2 * * *', '2026-11-25T03:00:00Z')).toBe('2026-11-26T02:30:00.000Z')
  })

  it('rolls over days, months and years', () => {
    expect(next('0 0 1 * *', '2026-11-25T00:00:00Z')).toBe('2026-12-01T00:00:00.000Z')
    expect(next('0 0 1 1 *', '2026-11-25T00:00:00Z')).toBe('2027-01-01T00:00:00.000Z')
    expect(next('0 12 29 2 *', '2026-03-01T00:00:00Z')).toBe('2028-02-29T12:00:00.000Z')
  })

  it('reads weekdays (0 and 7 are Sunday) and ORs day-of-month with day-of-week when both are set', () => {
    // 2026-11-25 is a Wednesday.
    expect(next('0 9 * * 1-5', '2026-11-27T10:00:00Z')).toBe('2026-11-30T09:00:00.000Z')
    expect(next('0 9 * * 7', '2026-11-25T10:00:00Z')).toBe('2026-11-29T09:00:00.000Z')
    expect(next('0 9 1 * 5', '2026-11-25T10:00:00Z')).toBe('2026-11-27T09:00:00.000Z')
  })

  it('reads `a/n` as `a-max/n`, and a step larger than its field as the first value alone', () => {
    expect(next('50/5 * * * *', '2026-11-25T10:56:00Z')).toBe('2026-11-25T11:50:00.000Z')
    expect(next('0 0 * * 1/6', '2026-11-25T00:00:00Z')).toBe('2026-11-29T00:00:00.000Z')
    expect(next('*/65 * * * *', '2026-11-25T10:00:00Z')).toBe('2026-11-25T11:00:00.000Z')
  })

  it('says what is wrong with a bad expression', () => {
    const bad = (e: string) => {
      const r = parseCron(e)
      return r.ok ? 'ok' : r.error
    }
    expect(bad('* * * *')).toContain('5 fields')
    expect(bad('60 * * * *')).toContain('minute must be within 0-59')
    expect(bad('* 5-2 * * *')).toContain('hour must be within')
    expect(bad('* * * * mon')).toContain('day of week')
    expect(bad('*/0 * * * *')).toContain('step must be at least 1')
  })

  it('gives no next run for a date that never comes', () => {
    expect(next('0 0 30 2 *', '2026-01-01T00:00:00Z')).toBeNull()
  })
})
