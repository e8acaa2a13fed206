import { PublicError } from '../../core/http/public-error.ts'
import type { JobPayload } from '../../core/jobs/payloads.ts'
import type { JobHandler } from './types.ts'

const STEP_MS = 100

/** Does nothing, optionally slowly or failing on purpose: for smoke tests, benchmarks and drills. */
export const runNoop: JobHandler<JobPayload<'noop'>> = async (ctx, payload) => {
  if (payload.fail_always) throw new PublicError('noop: fail_always is set')
  if (ctx.job.attempts <= payload.fail_times) {
    throw new PublicError(`noop: planned failure on attempt ${ctx.job.attempts} of ${payload.fail_times}`)
  }
  let slept = 0
  while (slept < payload.sleep_ms) {
    if (await ctx.isCancelled()) return { status: 'cancelled' }
    const step = Math.min(STEP_MS, payload.sleep_ms - slept)
    await new Promise((resolve) => setTimeout(resolve, step))
    slept += step
  }
  return { status: 'succeeded', result: { slept_ms: slept, ...(payload.message ? { message: payload.message } : {}) } }
}
