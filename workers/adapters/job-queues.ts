import type { JobKind } from '../contract/vocabulary/jobs.ts'
import { JOB_LANE, type JobLane } from '../core/jobs/lanes.ts'
import type { JobMessage } from '../core/jobs/payloads.ts'
import type { Env } from '../env.ts'

/** The Cloudflare Queue of each lane. */
const QUEUE_OF: Record<JobLane, 'SYNC_JOBS' | 'REPAIR_JOBS' | 'BACKGROUND_JOBS' | 'NOTIFY_JOBS'> = {
  interactive: 'SYNC_JOBS',
  repair: 'REPAIR_JOBS',
  background: 'BACKGROUND_JOBS',
  notify: 'NOTIFY_JOBS',
}

export const enqueueJob = (env: Env, kind: JobKind, message: JobMessage, delaySeconds = 0) =>
  env[QUEUE_OF[JOB_LANE[kind]]].send(message, delaySeconds > 0 ? { delaySeconds } : {})
