import { z } from '@hono/zod-openapi'
import { DriftPolicy } from '../core/aam/connections.ts'
import type { DriftChangeSchema } from '../core/aam/schema-snapshot.ts'

// The wire shapes of streams: their schemas, drift history, quarantine and stored records.

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
    updated_at: z.string(),
  })
  .openapi('Stream')

export const StreamList = z.object({ data: z.array(Stream) }).openapi('StreamList')

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
  })
  .openapi('DriftRecord')
/**
 * What each of a drift record's `changes` is. The document still says "objects": the route presents the
 * stored jsonb as it is, so the console takes the precise type from here.
 */
export type DriftChange = z.infer<typeof DriftChangeSchema>

export const DriftList = z.object({ data: z.array(DriftRecord) }).openapi('DriftList')

export const QuarantineItem = z
  .object({
    id: z.uuid(),
    stream_id: z.uuid(),
    source_file_id: z.string().nullable(),
    line: z.number().int().nullable(),
    reason: z.string(),
    raw: z.string(),
    created_at: z.string(),
  })
  .openapi('QuarantineItem')

export const QuarantineList = z.object({ data: z.array(QuarantineItem) }).openapi('QuarantineList')

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
