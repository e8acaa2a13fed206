import cronstrue from 'cronstrue'

/** A 5-field UTC cron in words ("Every 5 minutes", "At 06:00, Monday through Friday (UTC)"); null if unreadable. */
export function cronInWords(cron: string): string | null {
  try {
    const words = cronstrue.toString(cron, { use24HourTimeFormat: true, verbose: false })
    // Words for a fixed time of day need the zone: schedules run in UTC whatever the reader's clock.
    return /\d\d:\d\d/.test(words) ? `${words} (UTC)` : words
  } catch {
    return null
  }
}

/**
 * The platform's cron queues due syncs every minute, so a next sync more than two ticks in the past means
 * nothing is firing the schedule (e.g. a local `wrangler dev` run without the launcher's ticker).
 */
export const OVERDUE_AFTER_MS = 2 * 60_000

export function isOverdue(nextSyncAt: string | null, now: number = Date.now()): boolean {
  return nextSyncAt !== null && now - new Date(nextSyncAt).getTime() > OVERDUE_AFTER_MS
}
