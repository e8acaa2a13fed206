import { z } from 'zod'
import { parseCron } from './schedule.ts'

export const DRIFT_POLICIES = ['ignore', 'propagate', 'propagate_all', 'freeze', 'pause'] as const
export const DriftPolicy = z.enum(DRIFT_POLICIES).meta({
  id: 'DriftPolicy',
  description:
    'ignore: record drift only · propagate: adopt additive changes, breaking ones await review · propagate_all: adopt everything · freeze: keep the schema, quarantine non-conforming records · pause: stop the stream until a human resumes it',
})
export type DriftPolicy = z.infer<typeof DriftPolicy>

export const StreamName = z
  .string()
  .regex(/^[A-Za-z0-9][\w.-]{0,99}$/, { error: 'letters, digits, _ . - (max 100), starting with a letter or digit' })

export const Schedule = z
  .string()
  .trim()
  .max(100)
  .superRefine((value, ctx) => {
    const parsed = parseCron(value)
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.error })
  })
  .meta({
    description: 'Sync schedule: a 5-field cron in UTC (minute hour day-of-month month day-of-week)',
    example: '0 * * * *',
  })
