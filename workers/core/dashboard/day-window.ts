/** Every day of the window, oldest first, so charts show quiet days as zero instead of skipping them. */
export function dayWindow(days: number, now: Date): string[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())
  return Array.from({ length: days }, (_, i) =>
    new Date(today - (days - 1 - i) * 86_400_000).toISOString().slice(0, 10),
  )
}

/** Spreads sparse per-day counts over the full window. */
export function fillDays<T extends { day: string }>(window: string[], rows: T[], empty: (day: string) => T): T[] {
  const byDay = new Map(rows.map((r) => [r.day, r]))
  return window.map((day) => byDay.get(day) ?? empty(day))
}
