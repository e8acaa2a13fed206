import { withTenant } from '../../adapters/db/client.ts'
import { findDrift } from '../../adapters/db/drift-review-repo.ts'
import { driftRepairs } from '../../adapters/db/repairs-repo.ts'
import { acceptDrift } from '../aam/decide-drift.ts'
import type { Actor } from '../audit-actor.ts'
import type { Services } from '../container.ts'
import { ProblemError } from '../problem-error.ts'

/**
 * Drift held for review whose every repair is now applied is accepted by whoever applied the last one
 * (the engine or a person), so the stream's held records flow under the repaired mapping. True if it was.
 */
export async function settleHeldDrift(services: Services, tenantId: string, driftId: string, actor: Actor) {
  const { drift, repairs } = await withTenant(services.db, tenantId, async (tx) => ({
    drift: await findDrift(tx, tenantId, driftId),
    repairs: await driftRepairs(tx, tenantId, driftId),
  }))
  if (drift?.review !== 'pending' || repairs.length === 0 || repairs.some((r) => r.status !== 'applied')) return false
  try {
    await acceptDrift(services, tenantId, {
      streamId: drift.streamId,
      driftId,
      comment: `accepted with its repairs: ${repairs.map((r) => r.summary).join('; ')}`,
      actor,
      userId: actor.actorType === 'user' ? actor.actorId : null,
    })
    return true
  } catch (error) {
    // Someone decided the drift a moment ago: their decision stands, and the repair is applied either way.
    if (error instanceof ProblemError && error.code === 'already_decided') return false
    throw error
  }
}
