import { createRoute, z } from '@hono/zod-openapi'
import { listDrift, listQuarantine, listRecords } from '../../../adapters/db/aam-repo.ts'
import { withTenant } from '../../../adapters/db/client.ts'
import { IdParam } from '../../../contract/params.ts'
import { DriftList, QuarantineList, RecordPage } from '../../../contract/streams.ts'
import { loadConnection, loadStream } from '../../../services/aam/load-connection.ts'
import type { App } from '../../app-env.ts'
import { bearerSecurity, jsonBody, problemResponses } from '../../openapi.ts'

const drift = createRoute({
  operationId: 'listStreamDrift',
  method: 'get',
  path: '/v1/streams/{id}/drift',
  tags: ['streams'],
  summary: 'Schema drift history of a stream, newest first, with each change classified',
  security: bearerSecurity,
  request: { params: IdParam },
  responses: { 200: jsonBody(DriftList), ...problemResponses },
})

const quarantined = createRoute({
  operationId: 'listStreamQuarantine',
  method: 'get',
  path: '/v1/streams/{id}/quarantine',
  tags: ['streams'],
  summary: 'Records that could not be stored, with the reason and the raw input',
  security: bearerSecurity,
  request: { params: IdParam },
  responses: { 200: jsonBody(QuarantineList), ...problemResponses },
})

const connectionQuarantine = createRoute({
  operationId: 'listConnectionQuarantine',
  method: 'get',
  path: '/v1/connections/{id}/quarantine',
  tags: ['streams'],
  summary: 'Records of all of a connection’s streams that could not be stored (oldest first, up to 500)',
  security: bearerSecurity,
  request: { params: IdParam },
  responses: { 200: jsonBody(QuarantineList), ...problemResponses },
})

const presentQuarantine = (r: Awaited<ReturnType<typeof listQuarantine>>[number]) => ({
  id: r.id,
  stream_id: r.streamId,
  source_file_id: r.sourceFileId,
  line: r.line,
  reason: r.reason,
  raw: r.raw,
  created_at: r.createdAt.toISOString(),
})

const recordsRoute = createRoute({
  operationId: 'listStreamRecords',
  method: 'get',
  path: '/v1/streams/{id}/records',
  tags: ['streams'],
  summary: 'Stored canonical records (preview)',
  security: bearerSecurity,
  request: { params: IdParam, query: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) }) },
  responses: { 200: jsonBody(RecordPage), ...problemResponses },
})

export const registerStreamHistory = (app: App) => {
  app.openapi(drift, async (c) => {
    const tenantId = c.get('tenantId')
    const stream = await loadStream(c.get('services'), tenantId, c.req.valid('param').id)
    const rows = await withTenant(c.get('services').db, tenantId, (tx) => listDrift(tx, tenantId, stream.id))
    return c.json(
      {
        data: rows.map((r) => ({
          id: r.id,
          stream_id: r.streamId,
          from_fingerprint: r.fromFingerprint,
          to_fingerprint: r.toFingerprint,
          changes: r.changes as Record<string, unknown>[],
          breaking: r.breaking,
          policy: r.policy,
          action: r.action,
          job_id: r.jobId,
          detected_at: r.detectedAt.toISOString(),
        })),
      },
      200,
    )
  })
  app.openapi(quarantined, async (c) => {
    const tenantId = c.get('tenantId')
    const stream = await loadStream(c.get('services'), tenantId, c.req.valid('param').id)
    const rows = await withTenant(c.get('services').db, tenantId, (tx) =>
      listQuarantine(tx, tenantId, { streamId: stream.id }),
    )
    return c.json({ data: rows.map(presentQuarantine) }, 200)
  })
  app.openapi(connectionQuarantine, async (c) => {
    const tenantId = c.get('tenantId')
    const connection = await loadConnection(c.get('services'), tenantId, c.req.valid('param').id)
    const rows = await withTenant(c.get('services').db, tenantId, (tx) =>
      listQuarantine(tx, tenantId, { connectionId: connection.id }),
    )
    return c.json({ data: rows.map(presentQuarantine) }, 200)
  })
  app.openapi(recordsRoute, async (c) => {
    const tenantId = c.get('tenantId')
    const stream = await loadStream(c.get('services'), tenantId, c.req.valid('param').id)
    const { limit } = c.req.valid('query')
    const rows = await withTenant(c.get('services').db, tenantId, (tx) => listRecords(tx, tenantId, stream.id, limit))
    return c.json({ data: rows.map((r) => ({ event_id: r.eventId, data: r.data })) }, 200)
  })
}
