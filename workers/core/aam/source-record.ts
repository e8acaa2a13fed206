// A source record as canonical events: always the generic record (what is stored, every source field
// kept), and also the stream's canonical entity when it has one. Failing either quarantines the record.
import type { CanonicalEvent } from './canonical/event.ts'
import type { CanonicalFailure } from './canonical/to-canonical-event.ts'
import { toCanonicalEvent } from './canonical/to-canonical-event.ts'
import type { ConnectionKind } from './connection-kinds.ts'
import { fileRowToCanonical } from './file-record.ts'
import type { SnapshotField } from './schema.ts'
import type { EntityMapping } from './sources/cursor-source.ts'
import { entityFor } from './sources/salesforce.ts'

export type RecordCanonical =
  | { ok: true; data: Record<string, unknown>; event: CanonicalEvent }
  | (CanonicalFailure & { entity: string })

export function recordToCanonical(input: {
  tenantId: string
  connectionId: string
  streamName: string
  key: string | undefined
  entity: EntityMapping | undefined
  eventId: string
  record: Record<string, unknown>
  time: string
}): RecordCanonical {
  const generic = fileRowToCanonical({ ...input, primaryKey: input.key })
  if (!generic.ok) return { ...generic, entity: 'record' }
  const data = generic.event.data as Record<string, unknown>
  if (!input.entity) return { ok: true, data, event: generic.event as CanonicalEvent }
  const { entity, mapping } = input.entity
  const event = toCanonicalEvent({
    tenantId: input.tenantId,
    source: `/connections/${input.connectionId}/${input.streamName}`,
    entity,
    record: input.record,
    mapping,
    id: input.eventId,
    time: input.time,
  })
  return event.ok ? { ok: true, data, event: event.event as CanonicalEvent } : { ...event, entity }
}

/** The source field that identifies a record in a connection's streams. */
export function recordKeyOf(kind: ConnectionKind, config: Record<string, unknown>): string | undefined {
  if (kind === 'salesforce') return 'Id'
  if (kind === 'airbyte') return 'job_id'
  return typeof config.primary_key === 'string' ? config.primary_key : kind === 'postgres' ? 'id' : undefined
}

/** The canonical entity a stream's records are also validated as, if any. */
export const streamEntityOf = (kind: ConnectionKind, streamName: string, schema: readonly SnapshotField[]) =>
  kind === 'salesforce' ? entityFor(streamName, schema) : undefined
