import type { JobRow } from '../../adapters/db/jobs-repo.ts'
import { publishEvents } from '../../adapters/events.ts'
import type { EventType } from '../../contract/vocabulary/events.ts'
import { cloudEvent } from '../../core/events/cloud-event.ts'
import type { Env } from '../../env.ts'

/** The job's public state as event data: enough for a console row to update without a refetch. */
export const jobEvent = (type: EventType, job: JobRow, extra: Record<string, unknown> = {}) =>
  cloudEvent(
    job.tenantId,
    type,
    {
      job_id: job.id,
      kind: job.kind,
      status: job.status,
      attempts: job.attempts,
      max_attempts: job.maxAttempts,
      last_error: job.lastError,
      ...extra,
    },
    `jobs/${job.id}`,
  )

type JobEventInput = { type: EventType; job: JobRow; extra?: Record<string, unknown> }

/** Events about several jobs of one tenant, in one call to its hub. */
export const publishJobEvents = (env: Env, tenantId: string, events: JobEventInput[]) =>
  publishEvents(
    env,
    tenantId,
    events.map(({ type, job, extra }) => jobEvent(type, job, extra)),
  )

export const publishJobEvent = (env: Env, type: EventType, job: JobRow, extra: Record<string, unknown> = {}) =>
  publishJobEvents(env, job.tenantId, [{ type, job, extra }])
