import type { JobPayload } from '../../core/jobs/payloads.ts'
import { onboardConnection } from '../../services/onboarding/onboard-connection.ts'
import { runAamSync } from './aam-sync.ts'
import type { JobHandler } from './types.ts'

export const runOnboarding: JobHandler<JobPayload<'onboarding.run'>> = async (ctx, payload) => {
  let cancelled = false
  const result = await onboardConnection(ctx.services, ctx.tenantId, payload.connection_id, {
    sync: async () => {
      const synced = await runAamSync(ctx, payload)
      if (synced.status === 'cancelled') cancelled = true
      else if (synced.result.not_synced)
        throw new Error(`the connection was not synced: ${String(synced.result.not_synced)}`)
    },
    progress: (done, total) => ctx.reportProgress(done, total, 'steps', { throttle: false }),
  })
  return cancelled ? { status: 'cancelled' } : { status: 'succeeded', result }
}
