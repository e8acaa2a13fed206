import { type CanonicalConverter, canonicalConverter, type ToCanonicalResult } from './canonical/to-canonical-event.ts'

/** The canonical events' `source` of a connection's stream: what the DCL keeps its records under. */
export const streamSource = (connectionId: string, streamName: string) => `/connections/${connectionId}/${streamName}`

/** The connection a `streamSource` names; null for a source of any other shape. */
export const connectionOfSource = (source: string) =>
  /^\/connections\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\//i
    .exec(source)?.[1]
    ?.toLowerCase() ?? null

type RowSource = { tenantId: string; connectionId: string; streamName: string; primaryKey: string | undefined }

/**
 * Rows of one stream as canonical generic records: every column under `attributes`, keyed by the primary
 * key or else the event id. The conversion is prepared once per set of columns (a CSV has one), so a
 * large file pays for checking its mapping once, not per row.
 */
export function fileRowConverter(input: RowSource) {
  let columns = ''
  let convert: CanonicalConverter<'record'> | null = null
  return (eventId: string, record: Record<string, unknown>, time: string): ToCanonicalResult<'record'> => {
    const keys = Object.keys(record)
    const signature = keys.join('\u0000')
    if (!convert || signature !== columns) {
      const mapping: Record<string, string> = { external_id: input.primaryKey ?? '__aos_row' }
      for (const key of keys) mapping[`attributes.${key}`] = key
      convert = canonicalConverter({
        tenantId: input.tenantId,
        source: streamSource(input.connectionId, input.streamName),
        entity: 'record',
        mapping,
      })
      columns = signature
    }
    return convert(input.primaryKey ? record : { ...record, __aos_row: eventId }, eventId, time)
  }
}

/** The deterministic id of a file row: the same row read again is the same event. */
export const fileRowEventId = (fileId: string, line: number) => `${fileId}:${line}`

export const canonicalFailureText = (failure: { reason: string; issues: { path: string; message: string }[] }) =>
  `${failure.reason}: ${failure.issues.map((i) => `${i.path} ${i.message}`).join('; ')}`
