import { z } from 'zod'
import { parseCron } from './schedule.ts'

export const DRIFT_POLICIES = ['ignore', 'propagate', 'propagate_all', 'freeze', 'pause'] as const
export const DriftPolicy = z.enum(DRIFT_POLICIES).meta({
  id: 'DriftPolicy',
  description:
    'ignore: record drift, adopt the schema, store records · propagate: adopt non-breaking changes (fields added, types widened, a field becoming nullable); a breaking one (a field removed or renamed, a type narrowed or reinterpreted, a field becoming non-null) holds the stream: the schema is not adopted and records read meanwhile are kept in a holding area until someone accepts (stored under the new schema) or rejects (quarantined) the drift · propagate_all: adopt every change and store records · freeze: keep the schema, quarantine every record read with a drifted schema · pause: on any drift adopt the schema and stop the stream; its records wait in the source (files stay pending, a cursor stays put) until a human resumes it',
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
