import { z } from '@hono/zod-openapi'
import { JOB_KINDS, JOB_STATUSES, type JobKind } from '../../contract/vocabulary/jobs.ts'

/** Payload schema per job kind: the API rejects a payload its handler could not run. */
export const JOB_PAYLOADS = {
  noop: z
    .object({
      sleep_ms: z.number().int().min(0).max(60_000).default(0),
      fail_times: z.number().int().min(0).max(20).default(0),
      fail_always: z.boolean().default(false),
      message: z.string().max(500).optional(),
    })
    .openapi('NoopPayload'),
  'aam.sync': z
    .object({ connection_id: z.uuid() })
    .openapi('AamSyncPayload', { description: 'Syncs every not-yet-synced file of a connection, oldest first' }),
  'notify.slack': z.object({ text: z.string().trim().min(1).max(3000) }).openapi('NotifySlackPayload'),
  'dcl.backfill': z.object({}).openapi('DclBackfillPayload', {
    description: 'Sends every stored record of the tenant to the DCL as canonical events (applied once each)',
  }),
} as const satisfies Record<JobKind, z.ZodType>
/** Whether a stored kind still has a handler (a kind can be retired while old rows remain). */
export const isJobKind = (kind: string): kind is JobKind => Object.hasOwn(JOB_PAYLOADS, kind)

export type JobPayload<K extends JobKind> = z.infer<(typeof JOB_PAYLOADS)[K]>

export const CreateJobBody = z
  .object({
    kind: z.enum(JOB_KINDS),
    payload: z.record(z.string(), z.unknown()).default({}),
    max_attempts: z.number().int().min(1).max(10).default(3),
  })
  .openapi('CreateJobRequest')

export const Job = z
  .object({
    id: z.uuid(),
    kind: z.string(),
    status: z.enum(JOB_STATUSES),
    payload: z.record(z.string(), z.unknown()),
    attempts: z.number().int(),
    max_attempts: z.number().int(),
    next_run_at: z.string().nullable(),
    last_error: z.string().nullable(),
    idempotency_key: z.string().nullable(),
    created_by: z.string().nullable(),
    created_at: z.string(),
    started_at: z.string().nullable(),
    finished_at: z.string().nullable(),
    cancel_requested_at: z.string().nullable(),
    result: z.record(z.string(), z.unknown()).nullable(),
  })
  .openapi('Job')

export const JobList = z.object({ data: z.array(Job), next_cursor: z.string().nullable() }).openapi('JobList')

export const ListJobsQuery = z.object({
  status: z.enum(JOB_STATUSES).optional(),
  kind: z.enum(JOB_KINDS).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
})

/** The only thing a queue message carries. */
export const JobMessage = z.object({ tenant_id: z.uuid(), job_id: z.uuid() })
export type JobMessage = z.infer<typeof JobMessage>
