import { JOB_KINDS, type JobKind } from '../../contract/vocabulary/jobs.ts'

/**
 * Which consumers a job kind shares. A queue's consumer holds its batch until the batch's slowest job
 * ends, so work someone is waiting on (a file sync) must never share a queue with work that may run for
 * a minute (a `noop` sleep, a backfill, embedding a large document). Each lane is one Cloudflare Queue.
 */
export const JOB_LANE = {
  'aam.sync': 'interactive',
  'aam.connection-purge': 'background',
  'notify.slack': 'notify',
  noop: 'background',
  'dcl.backfill': 'background',
  'dcl.direct-read': 'background',
  'dcl.view-rebuild': 'background',
  'dcl.rederive': 'background',
  'kb.ingest': 'background',
  'kb.metadata': 'background',
  'repair.propose': 'repair',
  'onboarding.run': 'interactive',
} as const satisfies Record<JobKind, string>
export type JobLane = (typeof JOB_LANE)[JobKind]

/** The kinds sharing `lane`: a tenant's running-job limit counts these together. */
export const kindsInLane = (lane: JobLane): JobKind[] => JOB_KINDS.filter((kind) => JOB_LANE[kind] === lane)

/**
 * A job whose tenant already runs its limit in the lane waits for a slot (not a failed attempt): a job's
 * end wakes it at once; its message, sent again after this long, is the fallback for a slot freed
 * otherwise (an expired lease).
 */
export const DEFER_SECONDS = 10
