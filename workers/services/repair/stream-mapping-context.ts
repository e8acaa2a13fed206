import { type ConnectionRow, findConnection, findStream, type StreamRow } from '../../adapters/db/aam-repo.ts'
import type { Tx } from '../../adapters/db/client.ts'
import type { SnapshotField } from '../../core/aam/schema-snapshot.ts'
import { streamEntityOf } from '../../core/aam/source-record.ts'
import { type CurrentEntry, currentEntries } from '../../core/repair/current-entries.ts'
import { acceptedEntityMapping } from '../dcl/registry-stream-mapping.ts'

export interface StreamMappingContext {
  connection: ConnectionRow
  stream: StreamRow
  /** The stream's mapping as it drives the DCL now. */
  entries: CurrentEntry[]
}

/** A stream, its connection and its current mapping, read in the caller's transaction; null if gone. */
export async function streamMappingContext(
  tx: Tx,
  tenantId: string,
  ids: { connectionId: string; streamId: string },
): Promise<StreamMappingContext | null> {
  const connection = await findConnection(tx, tenantId, ids.connectionId)
  const stream = connection && (await findStream(tx, tenantId, ids.streamId))
  if (!connection || !stream) return null
  const registered = await acceptedEntityMapping(tx, tenantId, connection, stream.name)
  const builtIn = streamEntityOf(connection.kind, stream.name, (stream.schema ?? []) as SnapshotField[])
  return { connection, stream, entries: currentEntries(registered, builtIn) }
}
