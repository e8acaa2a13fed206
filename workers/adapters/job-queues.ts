import type { JobKind } from '../contract/vocabulary/jobs.ts'
import type { JobMessage } from '../core/jobs/payloads.ts'
import type { Env } from '../env.ts'

/** Which Cloudflare Queue carries each job kind. */
const QUEUE_OF: Record<JobKind, 'SYNC_JOBS' | 'REPAIR_JOBS' | 'NOTIFY_JOBS'> = {
  noop: 'SYNC_JOBS',
  'aam.sync': 'SYNC_JOBS',
  'notify.slack': 'NOTIFY_JOBS',
  'dcl.backfill': 'SYNC_JOBS',
  'kb.ingest': 'SYNC_JOBS',
}

export const enqueueJob = (env: Env, kind: JobKind, message: JobMessage, delaySeconds = 0) =>
  env[QUEUE_OF[kind]].send(message, delaySeconds > 0 ? { delaySeconds } : {})
