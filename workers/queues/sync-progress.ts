import { publishEvent } from '../adapters/events.ts'
import { cloudEvent } from '../core/events/schema.ts'
import type { Env } from '../env.ts'

const EVERY_MS = 2000

/**
 * `aos.sync.progress` while a stream syncs, at most every two seconds, so a million-row sync shows
 * movement without flooding the tenant's event log.
 */
export function syncProgress(
  env: Env,
  tenantId: string,
  stream: { id: string; name: string; connectionId: string },
  now: () => number = Date.now,
) {
  let last = now()
  return async (counts: { rows: number; stored: number; quarantined: number }) => {
    if (now() - last < EVERY_MS) return
    last = now()
    await publishEvent(
      env,
      cloudEvent(
        tenantId,
        'aos.sync.progress',
        { connection_id: stream.connectionId, stream_id: stream.id, stream: stream.name, ...counts },
        `streams/${stream.id}`,
      ),
    )
  }
}
