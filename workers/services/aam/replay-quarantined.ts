import {
  findConnection,
  findQuarantined,
  findStream,
  insertRecords,
  resolveQuarantined,
  updateStream,
} from '../../adapters/db/aam-repo.ts'
import { recordAudit } from '../../adapters/db/audit-repo.ts'
import { withTenant } from '../../adapters/db/client.ts'
import type { CanonicalEvent } from '../../core/aam/canonical/event.ts'
import { canonicalFailureText, fileRowEventId } from '../../core/aam/file-record.ts'
import type { SnapshotField } from '../../core/aam/schema-snapshot.ts'
import { recordConverter, streamMapping } from '../../core/aam/source-record.ts'
import { displayText, findUnstorable, unstorableReason } from '../../core/aam/storable.ts'
import type { Actor } from '../audit-actor.ts'
import type { Services } from '../container.ts'
import { openCanonicalFeed } from '../dcl/canonical-feed.ts'
import { acceptedEntityMapping } from '../dcl/registry-stream-mapping.ts'
import { ProblemError } from '../problem-error.ts'

const parseRaw = (raw: string): Record<string, unknown> | null => {
  try {
    const value: unknown = JSON.parse(raw)
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null
  } catch {
    return null
  }
}

type Outcome =
  | { ok: true; eventId: string; stored: boolean; streamId: string; event: CanonicalEvent }
  | { ok: false; error: ProblemError }

/**
 * Validates a quarantined record (as it was, or corrected) as canonical events again, through the
 * stream's mapping like a synced one, and stores it under the id it would have had, so a replay is
 * never a duplicate; the quarantine entry is then resolved.
 */
export async function replayQuarantined(
  services: Services,
  tenantId: string,
  input: { id: string; record: Record<string, unknown> | undefined; actor: Actor },
) {
  const { id } = input
  const outcome = await withTenant(services.db, tenantId, async (tx): Promise<Outcome> => {
    const item = await findQuarantined(tx, tenantId, id)
    if (!item) return { ok: false, error: new ProblemError('not_found', `No quarantined record ${id} in this tenant.`) }
    if (item.resolvedAt) return { ok: false, error: new ProblemError('conflict', 'This record was already replayed.') }
    // `raw` is not the row exactly when its bytes are kept apart or it was cut short: never replay a guess.
    const exact = !item.rawBase64 && !item.rawTruncated
    const record = input.record ?? (exact ? parseRaw(item.raw) : null)
    if (!record) {
      return {
        ok: false,
        error: new ProblemError(
          'bad_request',
          'This row could not be parsed from the file; send the corrected row as `record`.',
        ),
      }
    }
    const unstorable = findUnstorable(record)
    if (unstorable) {
      const reason = unstorableReason(unstorable)
      return {
        ok: false,
        error: new ProblemError('validation_failed', `The record cannot be stored: ${reason}.`, [
          { path: `record.${displayText(unstorable.path)}`, message: reason, code: 'unstorable' },
        ]),
      }
    }
    const stream = await findStream(tx, tenantId, item.streamId)
    const connection = stream ? await findConnection(tx, tenantId, stream.connectionId) : null
    if (!stream || !connection) {
      return {
        ok: false,
        error: new ProblemError('conflict', 'The stream or connection of this record no longer exists.'),
      }
    }
    const eventId =
      item.sourceFileId && item.line ? fileRowEventId(item.sourceFileId, item.line) : `quarantine:${item.id}`
    const convert = recordConverter({
      tenantId,
      connectionId: connection.id,
      streamName: stream.name,
      ...streamMapping(
        connection,
        stream.name,
        (stream.schema ?? []) as SnapshotField[],
        await acceptedEntityMapping(tx, tenantId, connection, stream.name),
      ),
    })
    const canonical = convert(eventId, record, new Date().toISOString())
    if (!canonical.ok) {
      return {
        ok: false,
        error: new ProblemError(
          'validation_failed',
          `The record is still not valid as a ${canonical.entity} v1: ${canonicalFailureText(canonical)}`,
          canonical.issues.map((i) => ({ path: `record.${i.path}`, message: i.message, code: canonical.reason })),
        ),
      }
    }
    const stored = (await insertRecords(tx, tenantId, stream.id, [{ eventId, data: canonical.data }])) > 0
    if (stored) await updateStream(tx, tenantId, stream.id, { addRecords: 1 })
    await resolveQuarantined(tx, tenantId, id)
    await recordAudit(tx, tenantId, {
      ...input.actor,
      action: 'quarantine.replayed',
      targetType: 'quarantine',
      targetId: id,
      metadata: { corrected: Boolean(input.record), event_id: eventId },
    })
    return { ok: true, eventId, stored, streamId: stream.id, event: canonical.event }
  })
  if (!outcome.ok) throw outcome.error
  await sendToDcl(services, tenantId, outcome.streamId, outcome.event)
  return { event_id: outcome.eventId, stored: outcome.stored, stream_id: outcome.streamId }
}

/**
 * A replayed record reaches the DCL like a synced one, when the DCL reads from the AAM. It is already
 * stored, so a failed send is logged rather than failing the replay; `POST /v1/dcl/backfill` resends it.
 */
async function sendToDcl(services: Services, tenantId: string, streamId: string, event: CanonicalEvent) {
  try {
    const feed = await openCanonicalFeed(services, tenantId, streamId)
    if (feed) await feed([event])
  } catch (error) {
    services.log('warn', 'replayed record not sent to the DCL', { stream_id: streamId, error: String(error) })
  }
}
