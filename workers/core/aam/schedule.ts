import { Cron } from 'croner'

// Sync schedules as 5-field cron expressions in UTC (minute hour day-of-month month day-of-week), the
// syntax Cloudflare Cron Triggers use: `*`, numbers, ranges `a-b`, steps `*/n`, `a-b/n` and `a/n`, lists `a,b`.
// Day-of-month and day-of-week follow cron's rule: when both are restricted, either may match.
// croner computes the runs; the check below keeps to that syntax (croner also reads names, L, W, # and ?)
// and names the field and what is wrong in it, which the API returns to the user.

// `steps`: the largest step croner accepts in the field.
type Field = { min: number; max: number; steps: number; name: string }
const FIELDS: Field[] = [
  { min: 0, max: 59, steps: 60, name: 'minute' },
  { min: 0, max: 23, steps: 24, name: 'hour' },
  { min: 1, max: 31, steps: 31, name: 'day of month' },
  { min: 1, max: 12, steps: 12, name: 'month' },
  { min: 0, max: 7, steps: 7, name: 'day of week' }, // 0 and 7 are Sunday
]

export type CronResult = { ok: true; cron: Cron } | { ok: false; error: string }

/** One field in the form croner takes, or what is wrong with it. */
function cronerField(text: string, field: Field): { pattern: string } | { error: string } {
  const parts: string[] = []
  for (const part of text.split(',')) {
    const match = /^(?:(\*)|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part)
    if (!match) return { error: `${field.name} "${part}" is not a number, range, list or step` }
    const [, star, from, to, step] = match
    const low = star ? field.min : Number(from)
    const high = to !== undefined ? Number(to) : star || step !== undefined ? field.max : low
    if (low < field.min || high > field.max || low > high)
      return { error: `${field.name} must be within ${field.min}-${field.max} (got "${part}")` }
    if (step === undefined) parts.push(part)
    else if (Number(step) < 1) return { error: `${field.name} step must be at least 1` }
    // croner reads `a/n` only as `a-max/n`, and refuses a step larger than the field (which selects just `low`).
    else parts.push(`${star ? '*' : `${low}-${high}`}/${Math.min(Number(step), field.steps)}`)
  }
  return { pattern: parts.join(',') }
}

export function parseCron(expression: string): CronResult {
  const parts = expression.trim().split(/\s+/)
  if (parts.length !== 5)
    return { ok: false, error: 'needs 5 fields: minute hour day-of-month month day-of-week (UTC), e.g. "0 * * * *"' }
  const fields: string[] = []
  for (const [i, field] of FIELDS.entries()) {
    const checked = cronerField(parts[i] as string, field)
    if ('error' in checked) return { ok: false, error: checked.error }
    fields.push(checked.pattern)
  }
  return { ok: true, cron: new Cron(fields.join(' '), { mode: '5-part', utcOffset: 0 }) }
}

/** The first minute strictly after `after` that matches, or null when there is none (e.g. Feb 30). */
export function nextRun(cron: Cron, after: Date): Date | null {
  return cron.nextRun(after)
}

/** When a connection with this schedule syncs next (null: on demand only, or a date that never comes). */
export function nextSyncAt(schedule: string | null | undefined, after: Date): Date | null {
  if (!schedule) return null
  const parsed = parseCron(schedule)
  return parsed.ok ? nextRun(parsed.cron, after) : null
}
