import type { JobRow } from '../../adapters/db/jobs-repo.ts'
import { publishEvent } from '../../adapters/events.ts'
import type { EventType } from '../../contract/vocabulary/events.ts'
import { cloudEvent } from '../../core/events/cloud-event.ts'
import type { Env } from '../../env.ts'

/** The job's public state as event data: enough for a console row to update without a refetch. */
export function publishJobEvent(env: Env, type: EventType, job: JobRow, extra: Record<string, unknown> = {}) {
  return publishEvent(
    env,
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
    ),
  )
}
