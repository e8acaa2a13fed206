// The DCL reading a connection's sources itself, while USE_AAM_AS_SOURCE is off (the legacy side of
// the strangler fig): every row, as the same canonical event with the same id the AAM path would send,
// applied the same way. No drift handling and no storage: the AAM's own sync still does both.
import {
  type ConnectionRow,
  findConnection,
  listConnections,
  listStreams,
  quarantinedLines,
  type StreamRow,
  syncedFiles,
} from '../../adapters/db/aam-repo.ts'
import { withTenant } from '../../adapters/db/client.ts'
import { idsWithQueuedJob } from '../../adapters/db/jobs-repo.ts'
import { scanFile } from '../../adapters/file-scan.ts'
import { withCursorSource } from '../../adapters/sources/open-cursor-source.ts'
import { SourceError } from '../../adapters/sources/source-error.ts'
import { isCursorKind } from '../../core/aam/connectors/registry.ts'
import { evolveSchema } from '../../core/aam/evolve-schema.ts'
import { fileRowEventId } from '../../core/aam/file-record.ts'
import type { SnapshotField } from '../../core/aam/schema-snapshot.ts'
import { recordConverter, streamMapping } from '../../core/aam/source-record.ts'
import {
  addTally,
  type DirectReadTally,
  type DirectRow,
  directEvents,
  directReadSkip,
  emptyTally,
  unstoredDriftSkip,
} from '../../core/dcl/direct-read.ts'
import type { SyncResult } from '../aam/sync-job.ts'
import type { Services } from '../container.ts'
import { submitJob } from '../jobs/submit-job.ts'
import { applyCanonicalEvents } from './apply-canonical-events.ts'
import { aamFeedsDcl } from './canonical-feed.ts'
import { acceptedEntityMapping } from './registry-stream-mapping.ts'

const BATCH = 5000

type Read = { tally: DirectReadTally; isCancelled: () => Promise<boolean> }
type Outcome = 'done' | 'cancelled'

/** Applies batches of one stream's rows through the stream's mapping (prepared once), counting them. */
async function openDirectApply(
  services: Services,
  tenantId: string,
  connection: ConnectionRow,
  stream: StreamRow,
  schema: readonly SnapshotField[],
  tally: DirectReadTally,
) {
  const registered = await withTenant(services.db, tenantId, (tx) =>
    acceptedEntityMapping(tx, tenantId, connection, stream.name),
  )
  const convert = recordConverter({
    tenantId,
    connectionId: connection.id,
    streamName: stream.name,
    ...streamMapping(connection, stream.name, schema, registered),
  })
  return async (rows: readonly DirectRow[]) => {
    const { events, notConvertible } = directEvents(convert, rows)
    // What the source says now under the mapping now: a row whose mapping changed since it was last
    // read replaces what the DCL derived from it (same event id, new data).
    if (events.length > 0) await applyCanonicalEvents(services, tenantId, stream.id, events, true)
    tally.events_applied += events.length
    tally.not_convertible += notConvertible
  }
}

/** The streams the AAM knows for the connection, and which of them a direct read may feed. */
async function feedableStreams(
  services: Services,
  tenantId: string,
  connection: ConnectionRow,
  tally: DirectReadTally,
) {
  const streams = await withTenant(services.db, tenantId, (tx) => listStreams(tx, tenantId, connection.id))
  const feedable = new Map<string, StreamRow>()
  for (const stream of streams) {
    const skip = directReadSkip(stream)
    if (skip) tally.skipped.push(`${stream.name}: ${skip}`)
    else feedable.set(stream.name, stream)
  }
  return feedable
}

/** A database or SaaS connection: each stream the AAM has synced, read again from its start. */
async function readCursorConnection(services: Services, tenantId: string, connection: ConnectionRow, read: Read) {
  const { tally } = read
  const streams = await feedableStreams(services, tenantId, connection, tally)
  return withCursorSource(services.config, connection, async (source): Promise<Outcome> => {
    for (const [name, snapshot] of await source.discover()) {
      if (await read.isCancelled()) return 'cancelled'
      // A stream the AAM has not synced yet has no id for its event ids; its next sync creates it.
      const stream = streams.get(name)
      if (!stream) continue
      // Records the AAM's sync does not store under the drift policy (frozen schema, drift rejected in
      // review) must not reach the DCL this way either.
      const drift = unstoredDriftSkip(
        await evolveSchema(
          { schema: stream.schema as SnapshotField[] | null, fingerprint: stream.fingerprint },
          snapshot,
          connection.driftPolicy,
        ),
      )
      if (drift) {
        tally.skipped.push(`${name}: ${drift}`)
        continue
      }
      const reader = source.reader(name, snapshot)
      if ('skipped' in reader) {
        tally.skipped.push(`${name}: ${reader.skipped}`)
        continue
      }
      const apply = await openDirectApply(services, tenantId, connection, stream, snapshot, tally)
      for await (const batch of reader.batches(null)) {
        const now = new Date().toISOString()
        await apply(
          batch.rows.map((row) => ({
            eventId: reader.eventId(stream.id, row),
            record: row,
            time: reader.time(row) ?? now,
          })),
        )
        if (await read.isCancelled()) return 'cancelled'
      }
      tally.streams++
    }
    return 'done'
  })
}

/** A FileSource connection: every file the AAM has synced, scanned again from storage, oldest first. */
async function readFileConnection(
  services: Services,
  tenantId: string,
  connection: ConnectionRow,
  read: Read,
): Promise<Outcome> {
  const { tally } = read
  const streams = await feedableStreams(services, tenantId, connection, tally)
  const files = await withTenant(services.db, tenantId, (tx) => syncedFiles(tx, tenantId, connection.id))
  for (const stream of streams.values()) {
    const ofStream = files.filter((f) => f.streamName === stream.name)
    if (ofStream.length === 0) continue
    const apply = await openDirectApply(
      services,
      tenantId,
      connection,
      stream,
      (stream.schema ?? []) as SnapshotField[],
      tally,
    )
    for (const file of ofStream) {
      if (await read.isCancelled()) return 'cancelled'
      const time = file.uploadedAt.toISOString()
      // Lines the AAM quarantined (malformed, frozen schema, drift rejected) are not fed until replayed.
      const quarantined = await withTenant(services.db, tenantId, (tx) => quarantinedLines(tx, tenantId, file.id))
      let batch: DirectRow[] = []
      const scanned = await scanFile(services.env, connection, file, async (row) => {
        if (!row.ok || quarantined.has(row.line)) tally.not_convertible++
        else batch.push({ eventId: fileRowEventId(file.id, row.line), record: row.record, time })
        if (batch.length >= BATCH) {
          const rows = batch
          batch = []
          await apply(rows)
        }
      })
      await apply(batch)
      if (!scanned.ok) tally.skipped.push(`${stream.name}: file ${file.id}: ${scanned.unreadable}`)
    }
    tally.streams++
  }
  return 'done'
}

const readConnection = (services: Services, tenantId: string, connection: ConnectionRow, read: Read) =>
  isCursorKind(connection.kind)
    ? readCursorConnection(services, tenantId, connection, read)
    : readFileConnection(services, tenantId, connection, read)

/**
 * A `dcl.direct-read` job: one connection read into the DCL. Nothing to do once the flag is on (the
 * AAM feeds the DCL then), or for a deleted or draft connection.
 */
export async function directReadConnection(
  services: Services,
  tenantId: string,
  connectionId: string,
  isCancelled: () => Promise<boolean>,
): Promise<SyncResult> {
  if (await aamFeedsDcl(services, tenantId))
    return { status: 'succeeded', result: { not_read: 'USE_AAM_AS_SOURCE is on: the API Mesh feeds the DCL' } }
  const connection = await withTenant(services.db, tenantId, (tx) => findConnection(tx, tenantId, connectionId))
  if (!connection) return { status: 'succeeded', result: { not_read: 'connection deleted' } }
  if (connection.draft)
    return { status: 'succeeded', result: { not_read: 'connection is a draft without credentials' } }
  const tally = emptyTally()
  // A source that cannot be read fails the attempt: the job retries it, as a sync's would.
  if ((await readConnection(services, tenantId, connection, { tally, isCancelled })) === 'cancelled')
    return { status: 'cancelled' }
  tally.connections = 1
  return { status: 'succeeded', result: tally }
}

/**
 * Every live connection read into the DCL (a backfill while the flag is off). A source that cannot be
 * read now is named in `failed` and the others go on; any other error fails the attempt.
 */
export async function directReadAll(
  services: Services,
  tenantId: string,
  control: { isCancelled: () => Promise<boolean>; progress: (done: number, total: number) => Promise<void> },
): Promise<SyncResult> {
  const connections = (await withTenant(services.db, tenantId, (tx) => listConnections(tx, tenantId))).filter(
    (c) => !c.draft,
  )
  const total = emptyTally()
  const failed: { connection_id: string; reason: string }[] = []
  for (const [done, connection] of connections.entries()) {
    const tally = emptyTally()
    try {
      const outcome = await readConnection(services, tenantId, connection, { tally, isCancelled: control.isCancelled })
      if (outcome === 'cancelled') return { status: 'cancelled' }
      tally.connections = 1
    } catch (error) {
      if (!(error instanceof SourceError)) throw error
      failed.push({ connection_id: connection.id, reason: error.message })
    }
    addTally(total, tally)
    await control.progress(done + 1, connections.length)
  }
  return { status: 'succeeded', result: { ...total, failed } }
}

/**
 * After a connection's sync that read something, while the DCL does not read from the AAM: queues a direct read of it,
 * unless one is queued and not yet started (that one will read what this sync saw). Two reading at
 * once is harmless: the same rows under the same mapping change nothing.
 */
export async function queueDirectRead(services: Services, tenantId: string, connectionId: string) {
  if (await aamFeedsDcl(services, tenantId)) return
  const queued = await withTenant(services.db, tenantId, (tx) =>
    idsWithQueuedJob(tx, tenantId, 'dcl.direct-read', 'connection_id', [connectionId]),
  )
  if (queued.size > 0) return
  await submitJob(services, tenantId, {
    kind: 'dcl.direct-read',
    payload: { connection_id: connectionId },
    createdBy: null,
  })
}
