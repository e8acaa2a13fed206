import type { Env } from '../env.ts'
import { queueDueSyncs } from '../services/aam/queue-due-syncs.ts'
import { buildServices } from '../services/container.ts'

/** The Cron Trigger (every minute): queues the scheduled syncs that are due. */
export async function runScheduledSyncs(env: Env, scheduledTime: number): Promise<{ queued: number }> {
  const services = buildServices(env, { trigger: 'sync-schedules' })
  try {
    const { queued } = await queueDueSyncs(services, new Date(scheduledTime))
    services.log('info', 'scheduled syncs queued', { queued })
    return { queued }
  } finally {
    await services.close()
  }
}
