import { z } from '@hono/zod-openapi'
import { DriftPolicy } from '../core/aam/connections.ts'
import type { DriftChangeSchema } from '../core/aam/schema-snapshot.ts'

// The wire shapes of streams: their schemas, drift history, quarantine, stored records and row counts.

const count = z.number().int().nonnegative()

export const RowCounts = z
  .object({
    rows: count.openapi({
      description:
        'Rows read: every record of a file (malformed ones included) and every blank line; every row read from a source. Always stored + quarantined + held + skipped.',
    }),
    stored: count.openapi({ description: 'Newly stored' }),
    quarantined: count.openapi({ description: 'Newly quarantined, each with its reason (see the quarantine list)' }),
    held: count.optional().openapi({
      description:
        'Kept in the holding area: the stream awaits a decision on breaking drift (policy `propagate`). Absent from counts stored before holds existed.',
    }),
    skipped: count.openapi({ description: 'Neither, on purpose; `skipped_reasons` says why' }),
    skipped_reasons: z.record(z.string(), count).openapi({
      description:
        '`blank line`; `already stored` (the same record, by event id, was stored before: a retried sync, an unchanged source row); `already quarantined` (the same file line, on a retried sync); `already held` (the same record is already in the holding area)',
      example: { 'blank line': 1 },
    }),
  })
  .openapi('RowCounts')

/** Page size and position of a cursor-paged list. */
export const PageQuery = (max: number, fallback: number) =>
  z.object({
    limit: z.coerce.number().int().min(1).max(max).default(fallback),
    cursor: z.string().max(200).optional().openapi({ description: '`next_cursor` of the previous page' }),
  })

export const SnapshotFieldOut = z.object({
  path: z.string(),
  type: z.string(),
  nullable: z.boolean(),
  samples: z.array(z.unknown()).optional(),
})

export const Stream = z
  .object({
    id: z.uuid(),
    connection_id: z.uuid(),
    name: z.string(),
    fingerprint: z.string().nullable(),
    schema: z.array(SnapshotFieldOut).nullable(),
    profile: z.array(z.record(z.string(), z.unknown())).nullable(),
    record_count: z.number().int(),
    paused: z.boolean(),
    paused_reason: z.string().nullable(),
    held_drift_id: z.uuid().nullable().openapi({
      description:
        'Set while breaking drift under `propagate` holds the stream: the drift record awaiting review (or decided, until the next sync applies the decision). Records read meanwhile are held, not stored.',
    }),
    updated_at: z.string(),
  })
  .openapi('Stream')

export const StreamList = z.object({ data: z.array(Stream) }).openapi('StreamList')

export const DriftReview = z
  .object({
    status: z.enum(['pending', 'accepted', 'rejected']).openapi({
      description:
        '`pending`: the stream is held until someone decides. `accepted`: the stream adopts the schema and its held records are stored. `rejected`: the schema stays and the held records are quarantined with the reason (replayable one by one).',
    }),
    held_records: count.openapi({
      description: 'Records held now; 0 once the connection’s next sync has applied the decision',
    }),
    decided_by: z
      .object({ type: z.enum(['user', 'api_key', 'system']), id: z.uuid().nullable() })
      .nullable()
      .openapi({
        description:
          'Who decided, as the audit log names them; `system` (no id) when the repair engine accepted it with its applied repairs',
      }),
    decided_at: z.string().nullable(),
    comment: z.string().nullable(),
  })
  .openapi('DriftReview')

export const DriftRecord = z
  .object({
    id: z.uuid(),
    stream_id: z.uuid(),
    from_fingerprint: z.string(),
    to_fingerprint: z.string(),
    changes: z.array(z.record(z.string(), z.unknown())),
    breaking: z.boolean(),
    policy: DriftPolicy,
    action: z.string(),
    job_id: z.string().nullable(),
    detected_at: z.string(),
    review: z.union([DriftReview, z.null()]).openapi({
      description: 'Set on breaking drift under `propagate`, which waits for a human decision; null otherwise',
    }),
  })
  .openapi('DriftRecord')
/**
 * What each of a drift record's `changes` is. The document still says "objects": the route presents the
 * stored jsonb as it is, so the console takes the precise type from here.
 */
export type DriftChange = z.infer<typeof DriftChangeSchema>

export const DriftList = z.object({ data: z.array(DriftRecord) }).openapi('DriftList')

export const DriftDecisionBody = z
  .object({ comment: z.string().trim().max(1000).optional() })
  .openapi('DriftDecisionRequest')

export const DriftDecisionResult = z
  .object({
    drift: DriftRecord,
    sync_job_id: z.uuid().openapi({
      description:
        'The connection sync that applies the decision (adopts or keeps the schema, releases the held records)',
    }),
  })
  .openapi('DriftDecisionResult')

export const QuarantineItem = z
  .object({
    id: z.uuid(),
    stream_id: z.uuid(),
    source_file_id: z.string().nullable(),
    line: z.number().int().nullable(),
    reason: z.string(),
    raw: z.string().openapi({
      description:
        'The row as read. Characters that cannot be stored as text (a NUL, bytes that are not UTF-8) show as U+FFFD; then `raw_base64` holds the exact bytes.',
    }),
    raw_base64: z
      .string()
      .nullable()
      .openapi({ description: 'The exact bytes of the row, when `raw` cannot show them' }),
    raw_truncated: z.boolean().openapi({
      description:
        '`raw` is the start of a record over the size limit; GET /v1/quarantine/{id}/raw returns the whole record (a line of the uploaded file)',
    }),
    created_at: z.string(),
  })
  .openapi('QuarantineItem')

export const QuarantineList = z
  .object({ data: z.array(QuarantineItem), next_cursor: z.string().nullable() })
  .openapi('QuarantineList')

export const RecordPage = z
  .object({ data: z.array(z.object({ event_id: z.string(), data: z.record(z.string(), z.unknown()) })) })
  .openapi('RecordPage')

export const ReplayBody = z
  .object({
    record: z
      .record(z.string(), z.unknown())
      .optional()
      .openapi({ description: 'The corrected record; when omitted the quarantined record is replayed as it was' }),
  })
  .openapi('ReplayQuarantinedRequest')

export const ReplayResult = z
  .object({ event_id: z.string(), stored: z.boolean(), stream_id: z.uuid() })
  .openapi('ReplayResult')
