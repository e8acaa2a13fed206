import { createRoute, z } from '@hono/zod-openapi'
import { IdParam } from '../../../contract/params.ts'
import { DriftList, QuarantineList, RecordPage } from '../../../contract/streams.ts'
import { listConnectionQuarantine, listStreamQuarantine } from '../../../services/aam/list-quarantine.ts'
import { listStreamDrift } from '../../../services/aam/list-stream-drift.ts'
import { listStreamRecords } from '../../../services/aam/list-stream-records.ts'
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
    const data = await listStreamDrift(c.get('services'), c.get('tenantId'), c.req.valid('param').id)
    return c.json({ data }, 200)
  })
  app.openapi(quarantined, async (c) => {
    const data = await listStreamQuarantine(c.get('services'), c.get('tenantId'), c.req.valid('param').id)
    return c.json({ data }, 200)
  })
  app.openapi(connectionQuarantine, async (c) => {
    const data = await listConnectionQuarantine(c.get('services'), c.get('tenantId'), c.req.valid('param').id)
    return c.json({ data }, 200)
  })
  app.openapi(recordsRoute, async (c) => {
    const { id } = c.req.valid('param')
    const data = await listStreamRecords(c.get('services'), c.get('tenantId'), id, c.req.valid('query').limit)
    return c.json({ data }, 200)
  })
}
