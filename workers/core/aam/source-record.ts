// A source record as canonical events: always the generic record (what is stored, every source field
// kept), and also the stream's canonical entity when it has one. Failing either quarantines the record.
import type { CanonicalEvent } from './canonical/event.ts'
import { type CanonicalFailure, canonicalConverter } from './canonical/to-canonical-event.ts'
import type { EntityMapping } from './connectors/cursor-source.ts'
import { connectorOf } from './connectors/registry.ts'
import { canonicalFailureText, fileRowConverter, streamSource } from './file-record.ts'
import type { SnapshotField } from './schema-snapshot.ts'

export type RecordCanonical =
  | { ok: true; data: Record<string, unknown>; event: CanonicalEvent }
  | (CanonicalFailure & { entity: string })

type StreamSource = {
  tenantId: string
  connectionId: string
  streamName: string
  key: string | undefined
  entity: EntityMapping | undefined
}

/** A stream's records as canonical events, the conversion prepared once for the stream. */
export function recordConverter(input: StreamSource) {
  const generic = fileRowConverter({ ...input, primaryKey: input.key })
  const entity =
    input.entity &&
    canonicalConverter({
      tenantId: input.tenantId,
      source: streamSource(input.connectionId, input.streamName),
      entity: input.entity.entity,
      mapping: input.entity.mapping,
      ...(input.entity.transforms ? { transforms: input.entity.transforms } : {}),
    })
  const entityName = input.entity?.entity ?? 'record'
  return (eventId: string, record: Record<string, unknown>, time: string): RecordCanonical => {
    const base = generic(eventId, record, time)
    if (!base.ok) return { ...base, entity: 'record' }
    const data = base.event.data as Record<string, unknown>
    if (!entity) return { ok: true, data, event: base.event as CanonicalEvent }
    const event = entity(record, eventId, time)
    return event.ok ? { ok: true, data, event: event.event as CanonicalEvent } : { ...event, entity: entityName }
  }
}

/** How a stream's records are keyed and which canonical entity they also are: the same for sync, replay and backfill. */
export type RecordMapping = { key: string | undefined; entity: EntityMapping | undefined }

/**
 * `registered` is the entity mapping the tenant accepted in the mapping registry for this stream, if it
 * forms a usable one (core/dcl/registry/stream-entity-mapping.ts). It wins over the connector's: the
 * connector's is one default for every tenant, the registry's is what a person of this tenant decided
 * for this very source.
 */
export const streamMapping = (
  connection: { kind: string; config: Record<string, unknown> },
  streamName: string,
  schema: readonly SnapshotField[],
  registered?: EntityMapping,
): RecordMapping => ({
  key: recordKeyOf(connection.kind, connection.config),
  entity: registered ?? streamEntityOf(connection.kind, streamName, schema),
})

/** Why a record that failed conversion is quarantined, naming the entity it failed as. */
export const conversionFailureText = (failure: Exclude<RecordCanonical, { ok: true }>) =>
  `${failure.entity} v1: ${canonicalFailureText(failure)}`

/** One record (a replay); syncs use `recordConverter`. */
export const recordToCanonical = (
  input: StreamSource & { eventId: string; record: Record<string, unknown>; time: string },
) => recordConverter(input)(input.eventId, input.record, input.time)

/** The source field that identifies a record in a connection's streams: its connector says. */
export const recordKeyOf = (kind: string, config: Record<string, unknown>): string | undefined =>
  connectorOf(kind).recordKey(config)

/** The canonical entity a stream's records are also validated as, if its connector maps one. */
export const streamEntityOf = (kind: string, streamName: string, schema: readonly SnapshotField[]) =>
  connectorOf(kind).entity?.(streamName, schema)
