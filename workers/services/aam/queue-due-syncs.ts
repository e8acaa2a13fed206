import { claimDueSyncs, setNextSync } from '../../adapters/db/aam-repo.ts'
import { withScope, withTenant } from '../../adapters/db/client.ts'
import { nextSyncAt } from '../../core/aam/schedule.ts'
import type { Services } from '../container.ts'
import { submitJob } from '../jobs/submit-job.ts'

const BATCH = 100

/**
 * Queues an `aam.sync` for each scheduled connection that is due at `now` and moves its next run on.
 * The idempotency key names the minute, so a retried trigger queues nothing twice.
 */
export async function queueDueSyncs(services: Services, now: Date): Promise<{ queued: number }> {
  let queued = 0
  for (;;) {
    // No tenant in scope: only the claim function may look across tenants.
    const due = await withScope(services.db, {}, (tx) => claimDueSyncs(tx, now, BATCH))
    for (const { tenant_id, connection_id, schedule } of due) {
      const { created } = await submitJob(services, tenant_id, {
        kind: 'aam.sync',
        payload: { connection_id },
        idempotencyKey: `schedule:${connection_id}:${now.toISOString().slice(0, 16)}`,
        createdBy: null,
      })
      if (created) queued++
      await withTenant(services.db, tenant_id, (tx) =>
        setNextSync(tx, tenant_id, connection_id, schedule, nextSyncAt(schedule, now)),
      )
    }
    if (due.length < BATCH) break
  }
  return { queued }
}
