// A human's decision on breaking drift held for review (policy `propagate`). The decision is recorded
// here (who, when, comment, audited) and applied by a sync of the connection queued with it, which
// holds the sync lease: the stream adopts the schema and stores its held records in order, or keeps
// its schema and quarantines them. Nothing held is lost either way.

import { recordAudit } from '../../adapters/db/audit-repo.ts'
import { withTenant } from '../../adapters/db/client.ts'
import { countHeld, decidePendingDrift, findStreamDrift } from '../../adapters/db/drift-review-repo.ts'
import type { Actor } from '../audit-actor.ts'
import type { Services } from '../container.ts'
import { submitJob } from '../jobs/submit-job.ts'
import { ProblemError } from '../problem-error.ts'
import { loadStream } from './load-connection.ts'
import { presentDrift } from './present-drift.ts'
import { announceDriftReview } from './sync-events.ts'

type Input = { streamId: string; driftId: string; comment?: string | undefined; actor: Actor; userId: string | null }

const REVIEW = { accept: 'accepted', reject: 'rejected' } as const
export type DriftDecision = keyof typeof REVIEW

/** Accepts held drift: the stream adopts the new schema and its held records are stored under it. */
export const acceptDrift = (services: Services, tenantId: string, input: Input) =>
  decideDrift(services, tenantId, 'accept', input)

/** Rejects held drift: the schema stays and the held records are quarantined with the reason. */
export const rejectDrift = (services: Services, tenantId: string, input: Input) =>
  decideDrift(services, tenantId, 'reject', input)

async function decideDrift(services: Services, tenantId: string, decision: DriftDecision, input: Input) {
  const stream = await loadStream(services, tenantId, input.streamId)
  const review = REVIEW[decision]
  const { drift, held } = await withTenant(services.db, tenantId, async (tx) => {
    const found = await findStreamDrift(tx, tenantId, stream.id, input.driftId)
    if (!found)
      throw new ProblemError(
        'not_found',
        `No drift ${input.driftId} on stream ${stream.id}. GET /v1/streams/${stream.id}/drift lists it.`,
      )
    if (!found.review)
      throw new ProblemError(
        'conflict',
        `Drift ${found.id} awaits no decision: under policy ${found.policy} it was ${found.action.replaceAll('_', ' ')}.`,
      )
    if (found.review !== 'pending')
      throw new ProblemError(
        'already_decided',
        `Drift ${found.id} was already ${found.review} at ${found.decidedAt?.toISOString()}; a decision is final.`,
      )
    // The update matches a pending drift only: of two concurrent decisions, one wins.
    const decided = await decidePendingDrift(tx, tenantId, found.id, {
      review,
      byType: input.actor.actorType,
      byId: input.actor.actorId,
      comment: input.comment || null,
    })
    if (!decided)
      throw new ProblemError(
        'already_decided',
        `Drift ${found.id} was decided by someone else a moment ago; a decision is final.`,
      )
    await recordAudit(tx, tenantId, {
      ...input.actor,
      action: `drift.${review}`,
      targetType: 'drift',
      targetId: decided.id,
      metadata: { stream_id: stream.id, ...(decided.decisionComment ? { comment: decided.decisionComment } : {}) },
    })
    return { drift: decided, held: (await countHeld(tx, tenantId, [decided.id])).get(decided.id) ?? 0 }
  })
  await announceDriftReview(services.env, tenantId, `aos.drift.${review}`, stream, {
    drift_id: drift.id,
    held_records: held,
    comment: drift.decisionComment,
  })
  const { row: job } = await submitJob(services, tenantId, {
    kind: 'aam.sync',
    payload: { connection_id: stream.connectionId },
    createdBy: input.userId,
  })
  return { drift: presentDrift(drift, held), sync_job_id: job.id }
}
