import { createRoute } from '@hono/zod-openapi'
import {
  findConnection,
  findQuarantined,
  findStream,
  insertRecords,
  resolveQuarantined,
  updateStream,
} from '../../../adapters/db/aam-repo.ts'
import { recordAudit } from '../../../adapters/db/audit-repo.ts'
import { withTenant } from '../../../adapters/db/client.ts'
import { IdParam } from '../../../contract/params.ts'
import { ReplayBody, ReplayResult } from '../../../contract/streams.ts'
import type { CanonicalEvent } from '../../../core/aam/canonical/event.ts'
import { canonicalFailureText, fileRowEventId } from '../../../core/aam/file-record.ts'
import type { SnapshotField } from '../../../core/aam/schema.ts'
import { recordKeyOf, recordToCanonical, streamEntityOf } from '../../../core/aam/source-record.ts'
import { auditActor } from '../../../services/audit-actor.ts'
import type { Services } from '../../../services/container.ts'
import { openCanonicalFeed } from '../../../services/dcl/canonical-feed.ts'
import { ProblemError } from '../../../services/problem-error.ts'
import type { App } from '../../app-env.ts'
import { requireRole } from '../../middleware/require-role.ts'
import { bearerSecurity, conflictResponse, jsonBody, problemResponses } from '../../openapi.ts'

const route = createRoute({
  operationId: 'replayQuarantinedRecord',
  method: 'post',
  path: '/v1/quarantine/{id}/replay',
  tags: ['streams'],
  summary: 'Replay a quarantined record (as it was, or corrected)',
  description:
    'Validates the record as a canonical event again and stores it under the id it would have had, so a replay is never a duplicate; the quarantine entry is then resolved.',
  security: bearerSecurity,
  middleware: [requireRole('member')] as const,
  request: { params: IdParam, body: { required: false, content: { 'application/json': { schema: ReplayBody } } } },
  responses: { 200: jsonBody(ReplayResult), ...problemResponses, ...conflictResponse },
})

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

export const registerReplayQuarantined = (app: App) =>
  app.openapi(route, async (c) => {
    const { id } = c.req.valid('param')
    const body = c.req.header('content-type')?.includes('json') ? c.req.valid('json') : {}
    const tenantId = c.get('tenantId')
    const outcome = await withTenant(c.get('services').db, tenantId, async (tx): Promise<Outcome> => {
      const item = await findQuarantined(tx, tenantId, id)
      if (!item)
        return { ok: false, error: new ProblemError('not_found', `No quarantined record ${id} in this tenant.`) }
      if (item.resolvedAt)
        return { ok: false, error: new ProblemError('conflict', 'This record was already replayed.') }
      const record = body.record ?? parseRaw(item.raw)
      if (!record) {
        return {
          ok: false,
          error: new ProblemError(
            'bad_request',
            'This row could not be parsed from the file; send the corrected row as `record`.',
          ),
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
      const canonical = recordToCanonical({
        tenantId,
        connectionId: connection.id,
        streamName: stream.name,
        key: recordKeyOf(connection.kind, connection.config),
        entity: streamEntityOf(connection.kind, stream.name, (stream.schema ?? []) as SnapshotField[]),
        eventId,
        record,
        time: new Date().toISOString(),
      })
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
        ...auditActor(c.get('principal')),
        action: 'quarantine.replayed',
        targetType: 'quarantine',
        targetId: id,
        metadata: { corrected: Boolean(body.record), event_id: eventId },
        requestId: c.get('requestId'),
      })
      return { ok: true, eventId, stored, streamId: stream.id, event: canonical.event }
    })
    if (!outcome.ok) throw outcome.error
    await sendToDcl(c.get('services'), tenantId, outcome.streamId, outcome.event)
    return c.json({ event_id: outcome.eventId, stored: outcome.stored, stream_id: outcome.streamId }, 200)
  })
