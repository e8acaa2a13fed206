import { type ToCanonicalResult, toCanonicalEvent } from './canonical/to-canonical-event.ts'

/** A FileSource row as a canonical generic record: every column under `attributes`, keyed by its event id. */
export function fileRowToCanonical(input: {
  tenantId: string
  connectionId: string
  streamName: string
  primaryKey: string | undefined
  eventId: string
  record: Record<string, unknown>
  time: string
}): ToCanonicalResult<'record'> {
  const mapping: Record<string, string> = { external_id: input.primaryKey ?? '__aos_row' }
  for (const key of Object.keys(input.record)) mapping[`attributes.${key}`] = key
  return toCanonicalEvent({
    tenantId: input.tenantId,
    source: `/connections/${input.connectionId}/${input.streamName}`,
    entity: 'record',
    record: { ...input.record, __aos_row: input.eventId },
    mapping,
    id: input.eventId,
    time: input.time,
  })
}

/** The deterministic id of a file row: the same row read again is the same event. */
export const fileRowEventId = (fileId: string, line: number) => `${fileId}:${line}`

export const canonicalFailureText = (failure: { reason: string; issues: { path: string; message: string }[] }) =>
  `${failure.reason}: ${failure.issues.map((i) => `${i.path} ${i.message}`).join('; ')}`
