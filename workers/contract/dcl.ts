import { z } from '@hono/zod-openapi'
import { OntologyGraphSchema } from '../core/dcl/graph/ontology-graph.ts'
import { CANONICAL_ENTITIES } from './vocabulary/entities.ts'

// The wire shapes of /v1/dcl: the unified entities the DCL built, and the event batches it could not apply.

export const ListEntitiesQuery = z.object({
  entity: z
    .enum(CANONICAL_ENTITIES)
    .optional()
    .openapi({ param: { name: 'entity', in: 'query' }, example: 'account' }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(500)
    .default(50)
    .openapi({ param: { name: 'limit', in: 'query' } }),
  offset: z.coerce
    .number()
    .int()
    .min(0)
    .max(100_000)
    .default(0)
    .openapi({ param: { name: 'offset', in: 'query' } }),
})

export const UnifiedEntity = z
  .object({
    entity: z.string(),
    source: z.string().openapi({ description: 'The connection and stream the entity comes from' }),
    external_id: z.string(),
    event_id: z.string().openapi({ description: 'The canonical event of the version shown' }),
    event_time: z.string(),
    versions: z.number().int().openapi({ description: 'Versions applied since the entity first arrived' }),
    data: z.record(z.string(), z.unknown()),
    updated_at: z.string(),
  })
  .openapi('UnifiedEntity')

export const EntityPage = z
  .object({
    data: z.array(UnifiedEntity),
    counts: z.record(z.string(), z.number().int()).openapi({ description: 'Entities per canonical entity type' }),
  })
  .openapi('UnifiedEntityPage')

export const DeadLetter = z
  .object({
    id: z.uuid(),
    stream_id: z.uuid(),
    event_count: z.number().int(),
    events: z.array(z.unknown()),
    created_at: z.string(),
  })
  .openapi('CanonicalDeadLetter')

export const DeadLetterList = z.object({ data: z.array(DeadLetter) }).openapi('CanonicalDeadLetterList')

export const ReplayAccepted = z
  .object({ id: z.uuid(), requeued_events: z.number().int() })
  .openapi('CanonicalDeadLetterReplay')

/** Built in core (plain zod with `.meta({id})`), named there for the OpenAPI document. */
export const OntologyGraph = OntologyGraphSchema
