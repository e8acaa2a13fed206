// The one interface every incrementally read source implements (a database, a SaaS API): list its
// streams with their schemas, then read each stream in batches after a stored cursor. The sync job
// (services/aam/sync-cursor-source.ts) does the rest the same way for all of them: drift, canonical
// events, quarantine, and the cursor committed with each batch.
import type { CanonicalEntity } from '../canonical/registry.ts'
import type { MappingTransform } from '../canonical/transforms.ts'
import type { SnapshotField } from '../schema-snapshot.ts'

export type SourceRow = Record<string, unknown>

/** Rows read after a cursor, and the cursor to store once they are stored. */
export interface SourceBatch {
  rows: SourceRow[]
  cursor: Record<string, unknown>
}

/** A stream's records validated as a canonical entity too, read through this field mapping. */
export interface EntityMapping {
  entity: CanonicalEntity
  mapping: Record<string, string>
  /** By canonical field, how its source value is re-shaped (the mapping registry's; connectors need none). */
  transforms?: Record<string, MappingTransform>
}

/** How to read one stream. Which field keys its records, and which entity they are, is the connector's (source-record.ts). */
export interface StreamReader {
  /** Batches after the stored cursor (null reads from the start), oldest change first. */
  batches(stored: unknown): AsyncIterable<SourceBatch>
  /** A row version's event id: the same version read again is the same event, an update a new one. */
  eventId(streamId: string, row: SourceRow): string
  /** When the row last changed, for the event envelope; undefined when the source cannot say. */
  time(row: SourceRow): string | undefined
}

/** Something a user must hear about that a read revealed (a failed run upstream, a schema-change flag). */
export type SourceAlert = { key: string; severity: 'warning' | 'critical'; title: string; detail: string }

export interface CursorSource {
  /** What was checked (reachability, credentials, rights), in words for the user. */
  check(): Promise<string[]>
  /** The selected streams and their schemas. */
  discover(): Promise<Map<string, SnapshotField[]>>
  /** A few of the stream's rows, for sample values and field profiles (any order, no cursor). */
  sample?(stream: string, schema: readonly SnapshotField[]): Promise<SourceRow[]>
  /** How to read a stream, or why it cannot be read incrementally. */
  reader(stream: string, schema: readonly SnapshotField[]): StreamReader | { skipped: string }
  /** Alerts gathered by the reads of this sync, raised once the sync has stored them. */
  alerts?(): SourceAlert[]
  /** Releases what the source holds open (a driver's connection), once the caller is done with it. */
  close?(): Promise<void>
}
