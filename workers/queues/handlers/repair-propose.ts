import type { JobPayload } from '../../core/jobs/payloads.ts'
import { proposeDriftRepairs } from '../../services/repair/propose-repairs.ts'
import type { JobHandler } from './types.ts'

export const runRepairPropose: JobHandler<JobPayload<'repair.propose'>> = async (ctx, payload) => ({
  status: 'succeeded',
  result: { ...(await proposeDriftRepairs(ctx.services, ctx.tenantId, payload.drift_id)) },
})
