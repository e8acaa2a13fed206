import { withTenant } from '../../adapters/db/client.ts'
import { findJob, transitionJob } from '../../adapters/db/jobs-repo.ts'
import { cancelDecision } from '../../core/jobs/lifecycle.ts'
import type { Services } from '../container.ts'
import { ProblemError } from '../problem-error.ts'
import { publishJobEvent } from './job-events.ts'
import { presentJob } from './present-job.ts'

/**
 * Cancels a queued or retry-waiting job at once (`cancelled`); asks a running one to stop
 * (`cancel_requested`), which its handler honours at its next step.
 */
export async function cancelJob(services: Services, tenantId: string, id: string) {
  const result = await withTenant(services.db, tenantId, async (tx) => {
    // Locked: a queued job claimed between this read and the write below would be refused as final.
    const job = await findJob(tx, tenantId, id, { forUpdate: true })
    if (!job) return { kind: 'missing' as const }
    const decision = cancelDecision(job.status)
    if (decision === 'already_final') return { kind: 'final' as const, job }
    if (decision === 'request_cancel') {
      const row = await transitionJob(tx, tenantId, id, ['running'], { cancelRequestedAt: new Date() })
      return { kind: 'requested' as const, job: row ?? job }
    }
    const row = await transitionJob(tx, tenantId, id, ['queued', 'failed'], {
      status: 'cancelled',
      cancelRequestedAt: new Date(),
      finishedAt: new Date(),
    })
    return row ? { kind: 'cancelled' as const, job: row } : { kind: 'final' as const, job }
  })
  if (result.kind === 'missing') throw new ProblemError('not_found', `No job ${id} in this tenant.`)
  if (result.kind === 'final') {
    throw new ProblemError('conflict', `Job ${id} is already ${result.job.status}; there is nothing to cancel.`)
  }
  if (result.kind === 'cancelled') {
    await publishJobEvent(services.env, 'aos.job.cancelled', result.job)
    return { outcome: 'cancelled' as const, job: presentJob(result.job) }
  }
  return { outcome: 'cancel_requested' as const, job: presentJob(result.job) }
}
