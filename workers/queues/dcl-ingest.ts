import { CanonicalFeedMessage } from '../core/dcl/canonical-feed.ts'
import type { Services } from '../services/container.ts'
import { applyCanonicalEvents, keepCanonicalDeadLetter } from '../services/dcl/apply-canonical-events.ts'

/** One delivery of canonical events for the DCL; a malformed message can never apply and is acknowledged. */
export async function ingestCanonicalEvents(message: Message<unknown>, services: Services): Promise<void> {
  const parsed = CanonicalFeedMessage.safeParse(message.body)
  if (!parsed.success) {
    services.log('error', 'malformed canonical-events message acknowledged', { id: message.id })
    message.ack()
    return
  }
  await applyCanonicalEvents(services, parsed.data.tenant_id, parsed.data.stream_id, parsed.data.events)
  message.ack()
}

/** After the last retry: the batch is kept whole in Postgres, listed and replayable through the API. */
export async function deadLetterCanonicalEvents(message: Message<unknown>, services: Services): Promise<void> {
  const parsed = CanonicalFeedMessage.safeParse(message.body)
  if (parsed.success) {
    const { tenant_id: tenantId, stream_id: streamId, events } = parsed.data
    await keepCanonicalDeadLetter(services, tenantId, streamId, events)
  } else services.log('error', 'malformed canonical-events dead letter acknowledged', { id: message.id })
  message.ack()
}
