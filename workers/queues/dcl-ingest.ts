import { withTenant } from '../adapters/db/client.ts'
import { applyEntityVersions, insertDeadLetter } from '../adapters/db/dcl-repo.ts'
import { publishEvent } from '../adapters/events.ts'
import { type CanonicalEvent, CanonicalEventSchema } from '../core/aam/canonical/event.ts'
import { CanonicalFeedMessage, entityVersions } from '../core/dcl/canonical-feed.ts'
import { cloudEvent } from '../core/events/cloud-event.ts'
import type { Services } from '../services/container.ts'

/**
 * One delivery of canonical events: the DCL keeps the newest version of each entity. Safe to run twice
 * (versions apply only over older ones). Events that are not valid canonical events, or not the
 * message's tenant's, can never apply: they are set aside as a dead letter at once instead of retried.
 */
export async function ingestCanonicalEvents(message: Message<unknown>, services: Services): Promise<void> {
  const parsed = CanonicalFeedMessage.safeParse(message.body)
  if (!parsed.success) {
    services.log('error', 'malformed canonical-events message acknowledged', { id: message.id })
    message.ack()
    return
  }
  const { tenant_id: tenantId, stream_id: streamId } = parsed.data
  const valid: CanonicalEvent[] = []
  const invalid: unknown[] = []
  for (const raw of parsed.data.events) {
    const event = CanonicalEventSchema.safeParse(raw)
    if (event.success && event.data.tenantid === tenantId) valid.push(event.data)
    else invalid.push(raw)
  }
  const counts = await withTenant(services.db, tenantId, async (tx) => {
    if (invalid.length > 0) await insertDeadLetter(tx, tenantId, streamId, invalid)
    return applyEntityVersions(tx, tenantId, entityVersions(valid))
  })
  if (invalid.length > 0)
    services.log('warn', 'canonical events set aside', { tenant_id: tenantId, count: invalid.length })
  if (counts.created + counts.updated > 0)
    await publishEvent(
      services.env,
      cloudEvent(tenantId, 'aos.dcl.entities.updated', { stream_id: streamId, ...counts }, `streams/${streamId}`),
    )
  message.ack()
}

/** After the last retry: the batch is kept whole in Postgres, listed and replayable through the API. */
export async function deadLetterCanonicalEvents(message: Message<unknown>, services: Services): Promise<void> {
  const parsed = CanonicalFeedMessage.safeParse(message.body)
  if (parsed.success) {
    const { tenant_id: tenantId, stream_id: streamId, events } = parsed.data
    await withTenant(services.db, tenantId, (tx) => insertDeadLetter(tx, tenantId, streamId, events))
  } else services.log('error', 'malformed canonical-events dead letter acknowledged', { id: message.id })
  message.ack()
}
