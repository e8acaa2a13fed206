// The one step every sync stores its records through, whatever the source: each record becomes
// canonical events (the stream's mapping), the events go to the DCL when it reads from the AAM, the
// records are stored and whatever cannot be is quarantined with its reason, never dropped.
import { insertQuarantine, insertRecords, updateStream } from '../../adapters/db/aam-repo.ts'
import { withTenant } from '../../adapters/db/client.ts'
import type { CanonicalEvent } from '../../core/aam/canonical/event.ts'
import { canonicalFailureText } from '../../core/aam/file-record.ts'
import type { SnapshotField } from '../../core/aam/schema-snapshot.ts'
import { conversionFailureText, recordConverter, streamMapping } from '../../core/aam/source-record.ts'
import type { Services } from '../container.ts'
import { openCanonicalFeed } from '../dcl/canonical-feed.ts'

/** Where a record came from, for its quarantine entry: a file's line, or nothing for a database or API row. */
export type RecordOrigin = { sourceFileId: string; line: number } | null

export type BatchItem =
  /** A record read, with the id and time its events carry. */
  | { eventId: string; record: Record<string, unknown>; time: string; origin: RecordOrigin }
  /** Something read that is not a record at all (a malformed line): quarantined as it was. */
  | { unreadable: string; raw: string; origin: RecordOrigin }

export type BatchCounts = { stored: number; quarantined: number }

export interface StreamTarget {
  connection: { id: string; kind: string; config: Record<string, unknown> }
  stream: { id: string; name: string }
  /** The stream's schema as just observed: which canonical entity its records also are depends on it. */
  schema: readonly SnapshotField[]
  /** Set under a frozen schema: every record goes to quarantine with this reason. */
  quarantineReason: string | null
  /**
   * Whether a conversion failure names the entity it failed as ("account v1: ..."). File rows have
   * always been quarantined without it; kept so their reasons read as before.
   */
  nameEntityInReasons: boolean
}

/**
 * Prepares the store of one stream's batches (the conversion and the DCL feed are set up once per
 * stream). With `commit.cursor`, the cursor and the stream's record count commit in the same
 * transaction as the records: a crash re-reads the batch (idempotent by event id), never skips it.
 */
export async function openBatchStore(services: Services, tenantId: string, target: StreamTarget) {
  const { connection, stream } = target
  const convert = recordConverter({
    tenantId,
    connectionId: connection.id,
    streamName: stream.name,
    ...streamMapping(connection, stream.name, target.schema),
  })
  const feed = await openCanonicalFeed(services, tenantId, stream.id)
  return async function storeBatch(
    items: readonly BatchItem[],
    commit?: { cursor: Record<string, unknown> },
  ): Promise<BatchCounts> {
    const good: { eventId: string; data: Record<string, unknown> }[] = []
    const events: CanonicalEvent[] = []
    const bad: { streamId: string; sourceFileId: string | null; line: number | null; reason: string; raw: string }[] =
      []
    const quarantine = (origin: RecordOrigin, reason: string, raw: string) =>
      bad.push({
        streamId: stream.id,
        sourceFileId: origin?.sourceFileId ?? null,
        line: origin?.line ?? null,
        reason,
        raw,
      })
    for (const item of items) {
      if ('unreadable' in item) quarantine(item.origin, item.unreadable, item.raw)
      else if (target.quarantineReason) quarantine(item.origin, target.quarantineReason, JSON.stringify(item.record))
      else {
        const result = convert(item.eventId, item.record, item.time)
        if (result.ok) {
          good.push({ eventId: item.eventId, data: result.data })
          if (feed) events.push(result.event)
        } else {
          const reason = target.nameEntityInReasons ? conversionFailureText(result) : canonicalFailureText(result)
          quarantine(item.origin, reason, JSON.stringify(item.record))
        }
      }
    }
    // Sent before storing: a failed store is read and sent again with the same event ids, applied once.
    if (feed && events.length > 0) await feed(events)
    return withTenant(services.db, tenantId, async (tx) => {
      const stored = await insertRecords(tx, tenantId, stream.id, good)
      const quarantined = await insertQuarantine(tx, tenantId, bad)
      if (commit) await updateStream(tx, tenantId, stream.id, { cursor: commit.cursor, addRecords: stored })
      return { stored, quarantined }
    })
  }
}

export type StoreBatch = Awaited<ReturnType<typeof openBatchStore>>
