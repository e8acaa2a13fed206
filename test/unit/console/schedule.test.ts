import { describe, expect, it } from 'vitest'
import { cronInWords, isOverdue } from '../../../app/lib/schedule.ts'

describe('schedules in the console', () => {
  it('puts a cron in words, naming UTC where a time of day is given', () => {
    expect(cronInWords('*/5 * * * *')).toBe('Every 5 minutes')
    expect(cronInWords('0 * * * *')).toBe('Every hour')
    expect(cronInWords('0 6 * * 1-5')).toBe('At 06:00, Monday through Friday (UTC)')
    expect(cronInWords('30 2 * * *')).toBe('At 02:30 (UTC)')
  })

  it('gives no words for what is not a cron', () => {
    expect(cronInWords('every day')).toBeNull()
    expect(cronInWords('')).toBeNull()
  })

  it('flags a next sync only once the minute cron has had two chances to fire it', () => {
    const now = Date.parse('2026-12-03T10:00:00Z')
    expect(isOverdue(null, now)).toBe(false)
    expect(isOverdue('2026-12-03T10:05:00Z', now)).toBe(false) // still ahead
    expect(isOverdue('2026-12-03T09:59:00Z', now)).toBe(false) // the next tick takes it
    expect(isOverdue('2026-12-03T09:57:59Z', now)).toBe(true)
    expect(isOverdue('2026-12-03T04:00:00Z', now)).toBe(true)
  })
})
