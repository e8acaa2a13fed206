import { z } from '@hono/zod-openapi'
import { JOB_KINDS, JOB_STATUSES, PLATFORM_ONLY_JOB_KINDS } from './vocabulary/jobs.ts'

// The wire shapes of /v1/jobs: what a client sends to enqueue a job and what it reads back.

export const CreateJobBody = z
  .object({
    kind: z.enum(JOB_KINDS).exclude([...PLATFORM_ONLY_JOB_KINDS]),
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
    progress: z.object({ done: z.number().int(), total: z.number().int(), unit: z.string() }).nullable().openapi({
      description:
        'How far the job is, as its handler last reported it (e.g. chunks embedded); null if it reports none',
    }),
  })
  .openapi('Job')

export const JobList = z.object({ data: z.array(Job), next_cursor: z.string().nullable() }).openapi('JobList')

export const ListJobsQuery = z.object({
  status: z.enum(JOB_STATUSES).optional(),
  kind: z.enum(JOB_KINDS).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
})
