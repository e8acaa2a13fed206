import type { Services } from '../../services/container.ts'
import type { StartedJob } from '../../services/jobs/job-attempts.ts'

export interface JobContext {
  tenantId: string
  job: StartedJob
  services: Services
  /** True once someone asked to cancel this job; long handlers check it between steps. */
  isCancelled(): Promise<boolean>
  /**
   * Reports `done` of `total` `unit` (stored on the job, announced as `aos.job.progress`, throttled unless
   * `throttle: false`, for a job of a few steps each worth announcing).
   */
  reportProgress(done: number, total: number, unit: string, options?: { throttle?: boolean }): Promise<void>
}

export type JobOutcome = { status: 'succeeded'; result: Record<string, unknown> } | { status: 'cancelled' }

/** Throws to fail the attempt (the consumer retries with backoff, then dead-letters). */
export type JobHandler<P> = (ctx: JobContext, payload: P) => Promise<JobOutcome>
