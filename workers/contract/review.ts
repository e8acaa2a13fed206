import { z } from '@hono/zod-openapi'
import { MAPPING_TRANSFORMS } from './vocabulary/mapping-registry.ts'

// The wire shapes of /v1/review: everything that waits for a person, in one queue.

export const REVIEW_TYPES = ['drift', 'repair', 'mapping'] as const

export const ReviewDiffLine = z
  .object({
    source_path: z.string(),
    target: z.string().openapi({ description: '`entity.field`' }),
    transform: z.enum(MAPPING_TRANSFORMS),
    change: z
      .enum(['map', 'retire'])
      .openapi({ description: '`map`: will fill the target; `retire`: stops filling it' }),
  })
  .openapi('ReviewDiffLine')

export const ReviewItem = z
  .object({
    type: z.enum(REVIEW_TYPES),
    id: z.uuid().openapi({ description: 'The drift record, repair or mapping version to decide on' }),
    summary: z.string(),
    confidence: z.number().nullable().openapi({ description: 'The engine’s or the mapper’s; null for drift' }),
    evidence: z.array(z.string()),
    diff: z.array(ReviewDiffLine).openapi({ description: 'What approving writes to the mapping registry' }),
    rows_affected: z.number().int().openapi({
      description: 'Drift: records held until the decision. Repair: the stream’s stored records re-derived. Mapping: 0',
    }),
    connection_id: z.uuid().nullable(),
    connection: z.string().nullable(),
    stream_id: z.uuid().nullable(),
    stream: z.string().nullable(),
    created_at: z.string(),
  })
  .openapi('ReviewItem')

export const ReviewQueue = z
  .object({
    data: z.array(ReviewItem),
    counts: z.object({ drift: z.number().int(), repair: z.number().int(), mapping: z.number().int() }),
  })
  .openapi('ReviewQueue')

export const ReviewDecisionsBody = z
  .object({
    decisions: z
      .array(
        z.object({
          type: z.enum(REVIEW_TYPES),
          id: z.uuid(),
          decision: z.enum(['approve', 'reject']),
          comment: z.string().trim().max(1000).optional(),
        }),
      )
      .min(1)
      .max(100),
  })
  .openapi('ReviewDecisions')

export const ReviewDecisionResults = z
  .object({
    results: z.array(
      z.object({
        type: z.enum(REVIEW_TYPES),
        id: z.uuid(),
        ok: z.boolean(),
        problem: z
          .object({ type: z.string(), title: z.string(), status: z.number().int(), detail: z.string() })
          .nullable()
          .openapi({ description: 'Why this one was not decided (the others still were)' }),
      }),
    ),
  })
  .openapi('ReviewDecisionResults')
