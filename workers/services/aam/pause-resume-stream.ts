import { updateStream } from '../../adapters/db/aam-repo.ts'
import { recordAudit } from '../../adapters/db/audit-repo.ts'
import { withTenant } from '../../adapters/db/client.ts'
import { publishEvent } from '../../adapters/events.ts'
import { cloudEvent } from '../../core/events/cloud-event.ts'
import type { Actor } from '../audit-actor.ts'
import type { Services } from '../container.ts'
import { submitJob } from '../jobs/submit-job.ts'
import { loadStream } from './load-connection.ts'
import { presentStream } from './present-connection.ts'

type Input = { streamId: string; actor: Actor; userId: string | null }

/** Holds a stream: its files wait, nothing is dropped. */
export const pauseStream = (services: Services, tenantId: string, input: Input) =>
  setPaused(services, tenantId, 'pause', input)

/** Lets a stream sync again, and queues a sync of what waited. */
export const resumeStream = (services: Services, tenantId: string, input: Input) =>
  setPaused(services, tenantId, 'resume', input)

async function setPaused(services: Services, tenantId: string, action: 'pause' | 'resume', input: Input) {
  const stream = await loadStream(services, tenantId, input.streamId)
  const updated = await withTenant(services.db, tenantId, async (tx) => {
    const row = await updateStream(
      tx,
      tenantId,
      stream.id,
      action === 'pause'
        ? { pausedAt: new Date(), pausedReason: 'paused by a user' }
        : { pausedAt: null, pausedReason: null },
    )
    await recordAudit(tx, tenantId, {
      ...input.actor,
      action: `stream.${action}d`,
      targetType: 'stream',
      targetId: stream.id,
    })
    return row ?? stream
  })
  const type = action === 'pause' ? 'aos.stream.paused' : 'aos.stream.resumed'
  await publishEvent(
    services.env,
    cloudEvent(
      tenantId,
      type,
      { stream_id: stream.id, stream: stream.name, connection_id: stream.connectionId },
      `streams/${stream.id}`,
    ),
  )
  if (action === 'resume') {
    await submitJob(services, tenantId, {
      kind: 'aam.sync',
      payload: { connection_id: stream.connectionId },
      createdBy: input.userId,
    })
  }
  return presentStream(updated)
}
