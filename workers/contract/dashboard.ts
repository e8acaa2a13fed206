import { z } from '@hono/zod-openapi'
import { ConnectionHealth } from './connections.ts'
import { JOB_STATUSES } from './vocabulary/jobs.ts'

// The wire shape of /v1/dashboard: sync health, jobs and drift over the last days.

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
        health: ConnectionHealth,
      }),
    ),
  })
  .openapi('Dashboard')
export type Dashboard = z.infer<typeof Dashboard>
