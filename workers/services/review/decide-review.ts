// Bulk decisions from the review queue: each is taken on its own (one that cannot be taken, say
// because someone decided it a moment ago, is reported with its problem and the rest still go through).
import { withTenant } from '../../adapters/db/client.ts'
import { findDrift } from '../../adapters/db/drift-review-repo.ts'
import { PROBLEMS, problemType } from '../../contract/problem.ts'
import type { REVIEW_TYPES } from '../../contract/review.ts'
import { acceptDrift, rejectDrift } from '../aam/decide-drift.ts'
import type { Actor } from '../audit-actor.ts'
import type { Services } from '../container.ts'
import { acceptMapping, rejectMapping } from '../dcl/decide-mapping.ts'
import { ProblemError } from '../problem-error.ts'
import { applyRepair } from '../repair/apply-repair.ts'
import { rejectRepair } from '../repair/decide-repair.ts'

type Decision = {
  type: (typeof REVIEW_TYPES)[number]
  id: string
  decision: 'approve' | 'reject'
  comment?: string | undefined
}

async function decideDrift(services: Services, tenantId: string, d: Decision, actor: Actor, userId: string | null) {
  const drift = await withTenant(services.db, tenantId, (tx) => findDrift(tx, tenantId, d.id))
  if (!drift) throw new ProblemError('not_found', `No drift ${d.id}. GET /v1/review lists what waits.`)
  const decide = d.decision === 'approve' ? acceptDrift : rejectDrift
  await decide(services, tenantId, { streamId: drift.streamId, driftId: d.id, comment: d.comment, actor, userId })
}

async function decideOne(services: Services, tenantId: string, d: Decision, actor: Actor, userId: string | null) {
  const input = { id: d.id, comment: d.comment, actor }
  if (d.type === 'drift') return decideDrift(services, tenantId, d, actor, userId)
  if (d.type === 'repair')
    return d.decision === 'approve' ? applyRepair(services, tenantId, input) : rejectRepair(services, tenantId, input)
  return d.decision === 'approve' ? acceptMapping(services, tenantId, input) : rejectMapping(services, tenantId, input)
}

export async function decideReview(
  services: Services,
  tenantId: string,
  input: { decisions: Decision[]; actor: Actor; userId: string | null },
) {
  const results = []
  for (const d of input.decisions) {
    try {
      await decideOne(services, tenantId, d, input.actor, input.userId)
      results.push({ type: d.type, id: d.id, ok: true, problem: null })
    } catch (error) {
      if (!(error instanceof ProblemError)) throw error
      const { title, status } = PROBLEMS[error.code]
      results.push({
        type: d.type,
        id: d.id,
        ok: false,
        problem: { type: problemType(error.code), title, status, detail: error.detail },
      })
    }
  }
  return { results }
}
