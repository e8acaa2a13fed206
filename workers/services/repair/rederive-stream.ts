import type { StreamRow } from '../../adapters/db/aam-repo.ts'
import { storedStreamEvents } from '../aam/stored-stream-events.ts'
import type { Services } from '../container.ts'
import { applyCanonicalEvents } from '../dcl/apply-canonical-events.ts'
import { aamFeedsDcl } from '../dcl/canonical-feed.ts'
import { queueDirectRead } from '../dcl/direct-read.ts'

/**
 * After a stream's mapping changed (a repair applied or reverted), converts its stored records again
 * and replaces what the DCL derived from them, so the unified view reflects the mapping at once rather
 * than at each record's next change. While the DCL reads connections directly instead, a direct read
 * of the connection is queued: it converts under the new mapping.
 */
export async function rederiveStream(
  services: Services,
  tenantId: string,
  stream: Pick<StreamRow, 'id' | 'name' | 'connectionId' | 'schema'>,
) {
  if (!(await aamFeedsDcl(services, tenantId))) {
    await queueDirectRead(services, tenantId, stream.connectionId)
    return 0
  }
  let count = 0
  for await (const { events } of storedStreamEvents(services, tenantId, stream)) {
    if (events.length > 0) await applyCanonicalEvents(services, tenantId, stream.id, events, true)
    count += events.length
  }
  return count
}
