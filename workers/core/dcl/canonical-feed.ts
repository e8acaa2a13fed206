// The canonical stream from the AAM to the DCL: queue messages of canonical events (CloudEvents
// envelopes), small enough for a queue, and the entity versions a batch of events amounts to.
import { z } from 'zod'
import type { CanonicalEvent } from '../aam/canonical/event.ts'

/** Cloudflare Queues take messages up to 128 KB; this leaves room for the envelope around the events. */
export const MAX_MESSAGE_BYTES = 100_000

export const CanonicalFeedMessage = z.object({
  tenant_id: z.uuid(),
  stream_id: z.uuid(),
  events: z.array(z.unknown()).min(1),
})
export type CanonicalFeedMessage = z.infer<typeof CanonicalFeedMessage>

const utf8 = new TextEncoder()

/** Events in order, cut into groups whose JSON array stays within `maxBytes` of UTF-8 (an event alone is always sent). */
export function chunkEvents<T>(events: readonly T[], maxBytes = MAX_MESSAGE_BYTES): T[][] {
  const chunks: T[][] = []
  let current: T[] = []
  let size = 1 // `[`; each event adds itself and a `,` or the closing `]`
  for (const event of events) {
    const bytes = utf8.encode(JSON.stringify(event)).length + 1
    if (current.length > 0 && size + bytes > maxBytes) {
      chunks.push(current)
      current = []
      size = 1
    }
    current.push(event)
    size += bytes
  }
  if (current.length > 0) chunks.push(current)
  return chunks
}

export type EntityVersion = {
  entity: string
  source: string
  external_id: string
  event_id: string
  event_time: string
  data: Record<string, unknown>
}

/** `aos.canonical.account.v1` → `account` */
const entityOf = (type: string) => type.split('.')[2] ?? type

/** Newer by event time (as instants: writers may omit milliseconds), then by event id, whatever the order. */
function newer(a: EntityVersion, b: EntityVersion) {
  const [ta, tb] = [Date.parse(a.event_time), Date.parse(b.event_time)]
  return ta > tb || (ta === tb && a.event_id > b.event_id)
}

/** The newest version of each entity the events describe (one row per entity, as an upsert needs). */
export function entityVersions(events: readonly CanonicalEvent[]): EntityVersion[] {
  const latest = new Map<string, EntityVersion>()
  for (const event of events) {
    const version: EntityVersion = {
      entity: entityOf(event.type),
      source: event.source,
      external_id: event.subject,
      event_id: event.id,
      event_time: event.time,
      data: event.data as Record<string, unknown>,
    }
    const key = `${version.entity}\u0000${version.source}\u0000${version.external_id}`
    const seen = latest.get(key)
    if (!seen || newer(version, seen)) latest.set(key, version)
  }
  return [...latest.values()]
}
