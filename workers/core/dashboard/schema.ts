import { z } from '@hono/zod-openapi'
import { JOB_STATUSES } from '../../contract/vocabulary/jobs.ts'

const Day = z.string().openapi({ example: '2026-11-25', description: 'UTC day' })

export const DashboardQuery = z.object({ days: z.coerce.number().int().min(1).max(90).default(14) })

export const Dashboard = z
  .object({
    days: z.number().int(),
    jobs_by_status: z.array(z.object({ status: z.enum(JOB_STATUSES), count: z.number().int() })),
    jobs_per_day: z.array(
      z.object({ day: Day, succeeded: z.number().int(), failed: z.number().int(), other: z.number().int() }),
    ),
    drift_per_day: z.array(z.object({ day: Day, breaking: z.number().int(), non_breaking: z.number().int() })),
    connections: z.array(
      z.object({
        id: z.uuid(),
        name: z.string(),
        kind: z.string(),
        last_synced_at: z.string().nullable(),
        streams: z.number().int(),
        paused_streams: z.number().int(),
        records: z.number().int(),
        open_quarantine: z.number().int(),
      }),
    ),
  })
  .openapi('Dashboard')
export type Dashboard = z.infer<typeof Dashboard>

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
