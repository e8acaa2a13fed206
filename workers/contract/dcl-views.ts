import { z } from '@hono/zod-openapi'

// The wire shapes of /v1/dcl/views: per canonical entity, one row per real-world entity merged from
// every source, each value with the source record it came from.

/** `{entity}` of a view path: any text, so an entity without a view is a 404 naming the views there are. */
export const ViewParams = z.object({
  entity: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'entity', in: 'path' }, example: 'account' }),
})

export const ViewRowParams = ViewParams.extend({
  unified_id: z.uuid({ error: 'must be a UUID' }).openapi({ param: { name: 'unified_id', in: 'path' } }),
})

export const ListViewRowsQuery = z.object({
  q: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .openapi({ param: { name: 'q', in: 'query' }, description: 'Part of a name or email, any case' }),
  source: z
    .string()
    .min(1)
    .max(500)
    .optional()
    .openapi({ param: { name: 'source', in: 'query' }, description: 'Only rows with a member from this source' }),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(200).optional(),
})

export const ViewSummary = z
  .object({
    entity: z.string(),
    rows: z.number().int().openapi({ description: 'Unified rows: real-world entities after resolution' }),
    members: z.number().int().openapi({ description: 'Source records merged into them' }),
    sources: z.number().int(),
    refreshed_at: z.string().nullable(),
  })
  .openapi('UnifiedViewSummary')

export const ViewList = z.object({ data: z.array(ViewSummary) }).openapi('UnifiedViewList')

const Lineage = z
  .object({ source: z.string(), external_id: z.string(), event_time: z.string() })
  .openapi('UnifiedValueLineage')

export const ViewRow = z
  .object({
    unified_id: z.uuid(),
    entity: z.string(),
    data: z.record(z.string(), z.unknown()),
    lineage: z
      .record(z.string(), Lineage)
      .openapi({ description: 'Per field of `data`: the source record that gave its value' }),
    members: z.array(Lineage).openapi({ description: 'The source records merged, the one whose values win first' }),
    sources: z.array(z.string()),
    updated_at: z.string(),
  })
  .openapi('UnifiedViewRow')

export const ViewRowPage = z
  .object({ data: z.array(ViewRow), total: z.number().int(), next_cursor: z.string().nullable() })
  .openapi('UnifiedViewRowPage')

export const ViewRowDetail = ViewRow.extend({
  member_records: z
    .array(Lineage.extend({ data: z.record(z.string(), z.unknown()).nullable() }))
    .openapi({ description: 'Each member as the DCL holds it now' }),
}).openapi('UnifiedViewRowDetail')

export const ViewRebuild = z
  .object({
    entity: z.string(),
    rows: z.number().int(),
    members: z.number().int(),
    took_ms: z.number().int(),
  })
  .openapi('UnifiedViewRebuild')
