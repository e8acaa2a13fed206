import type { JobPayload } from '../../core/jobs/payloads.ts'
import { postSlackMessage } from '../../services/settings/post-slack-message.ts'
import type { JobHandler } from './types.ts'

export const runNotifySlack: JobHandler<JobPayload<'notify.slack'>> = async (ctx, payload) => ({
  status: 'succeeded',
  result: await postSlackMessage(ctx.services, ctx.tenantId, payload.text),
})
