import type { CanonicalEvent } from '../../core/aam/canonical/event.ts'
import { type CanonicalFeedMessage, chunkEvents } from '../../core/dcl/canonical-feed.ts'
import type { Services } from '../container.ts'
import { readFlags } from '../flags/read-flags.ts'

/** Whether the tenant's DCL reads from the AAM's canonical event stream (flag USE_AAM_AS_SOURCE). */
export async function aamFeedsDcl(services: Services, tenantId: string) {
  const flags = await readFlags(services, tenantId)
  return flags.some((f) => f.name === 'USE_AAM_AS_SOURCE' && f.value)
}

/** Sends a stream's canonical events to the DCL's queue, in messages under the queue's size limit. */
export const canonicalSender =
  (services: Services, tenantId: string, streamId: string) => async (events: readonly CanonicalEvent[]) => {
    const messages = chunkEvents(events).map((chunk) => ({
      body: { tenant_id: tenantId, stream_id: streamId, events: chunk } satisfies CanonicalFeedMessage,
    }))
    // sendBatch takes at most 100 messages per call.
    for (let i = 0; i < messages.length; i += 100)
      await services.env.CANONICAL_EVENTS.sendBatch(messages.slice(i, i + 100))
  }

/**
 * The sender of a stream's canonical events to the DCL, or null while the DCL does not read from the
 * AAM. A sync sends a batch before storing it: if storing fails the batch is read and sent again with
 * the same event ids, which the DCL applies once.
 */
export async function openCanonicalFeed(services: Services, tenantId: string, streamId: string) {
  return (await aamFeedsDcl(services, tenantId)) ? canonicalSender(services, tenantId, streamId) : null
}
