// The one step every sync stores its records through, whatever the source: each record becomes
// canonical events (the stream's mapping), the events go to the DCL when it reads from the AAM, the
// records are stored and whatever cannot be is quarantined with its reason, never dropped. While the
// stream is held for review its records go to the holding area instead, as read. Every item is
// accounted for: stored, quarantined, held, or skipped as already stored / quarantined / held.
import { insertQuarantine, insertRecords, type QuarantineEntry, updateStream } from '../../adapters/db/aam-repo.ts'
import { refusedValues, withTenant } from '../../adapters/db/client.ts'
import { type HeldRecord, insertHeld } from '../../adapters/db/drift-review-repo.ts'
import type { CanonicalEvent } from '../../core/aam/canonical/event.ts'
import { canonicalFailureText } from '../../core/aam/file-record.ts'
import { addCounts, addSkipped, emptyCounts, type RowCounts, SKIP_REASONS } from '../../core/aam/row-counts.ts'
import type { SnapshotField } from '../../core/aam/schema-snapshot.ts'
import { conversionFailureText, recordConverter, streamMapping } from '../../core/aam/source-record.ts'
import { displayText, findUnstorable, quarantineRaw, unstorableReason } from '../../core/aam/storable.ts'
import type { Services } from '../container.ts'
import { openCanonicalFeed } from '../dcl/canonical-feed.ts'
import { acceptedEntityMapping } from '../dcl/registry-stream-mapping.ts'

/** Where a record came from, for its quarantine entry: a file's line, or nothing for a database or API row. */
export type RecordOrigin = { sourceFileId: string; line: number } | null

export type BatchItem =
  /** A record read, with the id and time its events carry. */
  | { eventId: string; record: Record<string, unknown>; time: string; origin: RecordOrigin }
  /** Something read that is not a storable record (a malformed line): quarantined as it was. */
  | { unreadable: string; raw: string; truncated?: boolean; origin: RecordOrigin }

export interface StreamTarget {
  connection: { id: string; kind: string; config: Record<string, unknown> }
  stream: { id: string; name: string }
  /** The stream's schema as just observed: which canonical entity its records also are depends on it. */
  schema: readonly SnapshotField[]
  /** Set under a frozen schema: every record goes to quarantine with this reason. */
  quarantineReason: string | null
  /** Set while the stream awaits a decision on this drift record: records go to the holding area. */
  holdFor: string | null
  /**
   * Whether a conversion failure names the entity it failed as ("account v1: ..."). File rows have
   * always been quarantined without it; kept so their reasons read as before.
   */
  nameEntityInReasons: boolean
}

/** A record as read. */
type ReadRecord = Extract<BatchItem, { record: Record<string, unknown> }>
/**
 * The record as read, for its quarantine entry should the database refuse it after all: the entry is
 * made only then. A closure per record was a function and, in the bundle, a `name` definition for each
 * of millions of records (decision 038).
 */
type Refusable = { read: ReadRecord }
/** A record ready to store. */
type Storable = { eventId: string; data: Record<string, unknown> } & Refusable
/** One write: records to store, records to hold, entries to quarantine. */
type Batch = { good: Storable[]; held: (HeldRecord & Refusable)[]; bad: QuarantineEntry[] }

/** A record as raw text for its quarantine entry (one nested past any stack cannot even be serialised). */
function recordText(record: Record<string, unknown>): string {
  try {
    return JSON.stringify(record)
  } catch {
    return '(the record is nested too deeply to show)'
  }
}

/**
 * Prepares the store of one stream's batches (the conversion and the DCL feed are set up once per
 * stream). With `commit.cursor`, the cursor and the stream's record count commit in the same
 * transaction as the records: a crash re-reads the batch (idempotent by event id), never skips it.
 */
export async function openBatchStore(services: Services, tenantId: string, target: StreamTarget) {
  const { connection, stream } = target
  const registered = await withTenant(services.db, tenantId, (tx) =>
    acceptedEntityMapping(tx, tenantId, connection, stream.name),
  )
  const convert = recordConverter({
    tenantId,
    connectionId: connection.id,
    streamName: stream.name,
    ...streamMapping(connection, stream.name, target.schema, registered),
  })
  const feed = await openCanonicalFeed(services, tenantId, stream.id)
  const entry = (origin: RecordOrigin, reason: string, raw: string, truncated = false): QuarantineEntry => ({
    streamId: stream.id,
    sourceFileId: origin?.sourceFileId ?? null,
    line: origin?.line ?? null,
    reason: displayText(reason),
    ...quarantineRaw(raw),
    rawTruncated: truncated,
  })
  const refusedEntry = (read: ReadRecord, reason: string) => entry(read.origin, reason, recordText(read.record))

  async function write(batch: Batch, commit?: { cursor: Record<string, unknown> }) {
    const { good, held, bad } = batch
    return withTenant(services.db, tenantId, async (tx) => {
      const counts = emptyCounts()
      counts.stored = await insertRecords(tx, tenantId, stream.id, good)
      counts.quarantined = await insertQuarantine(tx, tenantId, bad)
      if (target.holdFor) {
        counts.held = await insertHeld(tx, tenantId, { driftId: target.holdFor, streamId: stream.id }, held)
      }
      addSkipped(counts, SKIP_REASONS.alreadyStored, good.length - counts.stored)
      addSkipped(counts, SKIP_REASONS.alreadyQuarantined, bad.length - counts.quarantined)
      addSkipped(counts, SKIP_REASONS.alreadyHeld, held.length - counts.held)
      if (commit) await updateStream(tx, tenantId, stream.id, { cursor: commit.cursor, addRecords: counts.stored })
      return counts
    })
  }

  /**
   * Writes the batch; if Postgres refuses a value all the same, halves it until the refused record is
   * alone and quarantines it with the database's reason, so one value never fails a file.
   */
  async function writeIsolating(batch: Batch, commit?: { cursor: Record<string, unknown> }): Promise<RowCounts> {
    try {
      return await write(batch, commit)
    } catch (error) {
      const reason = refusedValues(error)
      if (!reason) throw error
      const { good, held, bad } = batch
      const [only] = [...good, ...held]
      if (good.length + held.length + bad.length > 1) {
        const half = <T>(items: T[], up = false) => (up ? Math.ceil : Math.floor)(items.length / 2)
        const [g, h, b] = [half(good), half(held), half(bad, true)]
        const counts = await writeIsolating({ good: good.slice(0, g), held: held.slice(0, h), bad: bad.slice(0, b) })
        addCounts(counts, await writeIsolating({ good: good.slice(g), held: held.slice(h), bad: bad.slice(b) }, commit))
        return counts
      }
      if (!only) throw error // a quarantine entry itself refused: nowhere left to put it
      return writeIsolating({ good: [], held: [], bad: [refusedEntry(only.read, reason)] }, commit)
    }
  }

  return async function storeBatch(
    items: readonly BatchItem[],
    commit?: { cursor: Record<string, unknown> },
  ): Promise<RowCounts> {
    const good: Storable[] = []
    const events: CanonicalEvent[] = []
    const bad: QuarantineEntry[] = []
    const held: Batch['held'] = []
    for (const item of items) {
      if ('unreadable' in item) {
        bad.push(entry(item.origin, item.unreadable, item.raw, item.truncated))
        continue
      }
      const unstorable = findUnstorable(item.record)
      if (unstorable) bad.push(refusedEntry(item, unstorableReason(unstorable)))
      else if (target.quarantineReason) bad.push(refusedEntry(item, target.quarantineReason))
      else if (target.holdFor)
        // Held as read: its canonical form depends on the schema the decision settles.
        held.push({
          eventId: item.eventId,
          record: item.record,
          eventTime: item.time,
          sourceFileId: item.origin?.sourceFileId ?? null,
          line: item.origin?.line ?? null,
          read: item,
        })
      else {
        const result = convert(item.eventId, item.record, item.time)
        if (result.ok) {
          good.push({ eventId: item.eventId, data: result.data, read: item })
          if (feed) events.push(result.event)
        } else {
          const reason = target.nameEntityInReasons ? conversionFailureText(result) : canonicalFailureText(result)
          bad.push(refusedEntry(item, reason))
        }
      }
    }
    // Sent before storing: a failed store is read and sent again with the same event ids, applied once.
    if (feed && events.length > 0) await feed(events)
    const counts = await writeIsolating({ good, held, bad }, commit)
    counts.rows = items.length
    return counts
  }
}

export type StoreBatch = Awaited<ReturnType<typeof openBatchStore>>
