import { createRoute } from '@hono/zod-openapi'
import { OntologyGraph } from '../../../contract/dcl.ts'
import { getOntologyGraph } from '../../../services/dcl/get-ontology-graph.ts'
import type { App } from '../../app-env.ts'
import { bearerSecurity, jsonBody, problemResponses } from '../../openapi.ts'

const route = createRoute({
  operationId: 'getDclGraph',
  method: 'get',
  path: '/v1/dcl/graph',
  tags: ['dcl'],
  summary: 'The ontology graph: sources, streams, fields and canonical entities, and how they link',
  description:
    'Edges: `derived_from` (a stream is read from a source), `has_field`, `maps_to` (a field fills a canonical field: the connector’s own mapping or an accepted or proposed registry mapping) and `references` (a `<stream>_id` / `<Stream>Id` field holding another stream’s ids in the same source).',
  security: bearerSecurity,
  responses: { 200: jsonBody(OntologyGraph), ...problemResponses },
})

export const registerGetDclGraph = (app: App) =>
  app.openapi(route, async (c) => c.json(await getOntologyGraph(c.get('services'), c.get('tenantId')), 200))
