// Sync schedules as 5-field cron expressions in UTC (minute hour day-of-month month day-of-week), the
// syntax Cloudflare Cron Triggers use: `*`, numbers, ranges `a-b`, steps `*/n` and `a-b/n`, lists `a,b`.
// Day-of-month and day-of-week follow cron's rule: when both are restricted, either may match.

type Field = { min: number; max: number; name: string }
const FIELDS: Field[] = [
  { min: 0, max: 59, name: 'minute' },
  { min: 0, max: 23, name: 'hour' },
  { min: 1, max: 31, name: 'day of month' },
  { min: 1, max: 12, name: 'month' },
  { min: 0, max: 7, name: 'day of week' }, // 0 and 7 are Sunday
]

export type Cron = { sets: Set<number>[]; anyDay: boolean; anyWeekday: boolean }
export type CronResult = { ok: true; cron: Cron } | { ok: false; error: string }

function parseField(text: string, field: Field): Set<number> | string {
  const values = new Set<number>()
  for (const part of text.split(',')) {
    const match = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part)
    if (!match) return `${field.name} "${part}" is not a number, range, list or step`
    const from = match[1] === '*' ? field.min : Number(match[2])
    const to = match[1] === '*' ? field.max : match[3] !== undefined ? Number(match[3]) : match[4] ? field.max : from
    const step = match[4] ? Number(match[4]) : 1
    if (from < field.min || to > field.max || from > to)
      return `${field.name} must be within ${field.min}-${field.max} (got "${part}")`
    if (step < 1) return `${field.name} step must be at least 1`
    for (let v = from; v <= to; v += step) values.add(field.name === 'day of week' && v === 7 ? 0 : v)
  }
  return values
}

export function parseCron(expression: string): CronResult {
  const parts = expression.trim().split(/\s+/)
  if (parts.length !== 5)
    return { ok: false, error: 'needs 5 fields: minute hour day-of-month month day-of-week (UTC), e.g. "0 * * * *"' }
  const sets: Set<number>[] = []
  for (const [i, field] of FIELDS.entries()) {
    const parsed = parseField(parts[i] as string, field)
    if (typeof parsed === 'string') return { ok: false, error: parsed }
    sets.push(parsed)
  }
  return { ok: true, cron: { sets, anyDay: parts[2] === '*', anyWeekday: parts[4] === '*' } }
}

function dayMatches(cron: Cron, d: Date) {
  const [, , days, , weekdays] = cron.sets as [Set<number>, Set<number>, Set<number>, Set<number>, Set<number>]
  const dom = days.has(d.getUTCDate())
  const dow = weekdays.has(d.getUTCDay())
  if (cron.anyDay || cron.anyWeekday) return dom && dow
  return dom || dow
}

const LOOKAHEAD_MS = 5 * 366 * 86_400_000

/** The first minute strictly after `after` that matches, or null when none within five years (e.g. Feb 30). */
export function nextRun(cron: Cron, after: Date): Date | null {
  const [minutes, hours, , months] = cron.sets as [Set<number>, Set<number>, Set<number>, Set<number>]
  const t = new Date(after.getTime())
  t.setUTCSeconds(0, 0)
  t.setUTCMinutes(t.getUTCMinutes() + 1)
  const limit = after.getTime() + LOOKAHEAD_MS
  while (t.getTime() <= limit) {
    if (!months.has(t.getUTCMonth() + 1)) {
      t.setUTCMonth(t.getUTCMonth() + 1, 1)
      t.setUTCHours(0, 0)
    } else if (!dayMatches(cron, t)) {
      t.setUTCDate(t.getUTCDate() + 1)
      t.setUTCHours(0, 0)
    } else if (!hours.has(t.getUTCHours())) {
      t.setUTCHours(t.getUTCHours() + 1, 0)
    } else if (!minutes.has(t.getUTCMinutes())) {
      t.setUTCMinutes(t.getUTCMinutes() + 1)
    } else {
      return t
    }
  }
  return null
}

/** When a connection with this schedule syncs next (null: on demand only, or a date that never comes). */
export function nextSyncAt(schedule: string | null | undefined, after: Date): Date | null {
  if (!schedule) return null
  const parsed = parseCron(schedule)
  return parsed.ok ? nextRun(parsed.cron, after) : null
}
