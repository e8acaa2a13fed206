// MongoDB collections as streams: documents as JSON records (nested paths become dotted fields when the
// schema is inferred from a sample), read in (cursor field, _id) order after the stored cursor.

/** BSON values as JSON: ObjectIds as hex, dates as ISO UTC, decimals and big longs as text, bytes as base64. */
export function jsonValue(value: unknown): unknown {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString()
  if (Array.isArray(value)) return value.map(jsonValue)
  if (value === null || typeof value !== 'object') return typeof value === 'bigint' ? value.toString() : value
  const bson = (value as { _bsontype?: string })._bsontype
  if (bson === 'ObjectId') return (value as { toHexString(): string }).toHexString()
  if (bson === 'Long' || bson === 'Int32' || bson === 'Double') {
    const n = Number(String(value))
    return Number.isSafeInteger(n) || bson === 'Double' ? n : String(value)
  }
  if (bson === 'Binary') return (value as { toString(encoding: 'base64'): string }).toString('base64')
  if (bson !== undefined) return String(value) // Decimal128, Timestamp, UUID…: their canonical text
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonValue(v)]))
}

export const jsonDocument = (doc: Readonly<Record<string, unknown>>) => jsonValue(doc) as Record<string, unknown>

/** Read order: by the cursor field then _id when documents have the field, else by _id alone. */
export const readOrder = (fields: readonly { path: string }[], cursorField: string) =>
  cursorField !== '_id' && fields.some((f) => f.path === cursorField) ? [cursorField, '_id'] : ['_id']

/** The filter for documents after `(value, id)` in `order` (ties on the cursor field broken by _id). */
export function afterFilter(order: readonly string[], after: readonly unknown[]): Record<string, unknown> {
  if (order.length === 1) return { _id: { $gt: after[0] } }
  const [field = '_id'] = order
  return { $or: [{ [field]: { $gt: after[0] } }, { [field]: after[0], _id: { $gt: after[1] } }] }
}

/** A document version's event id: the same version read again is the same event. */
export const documentEventId = (streamId: string, row: Readonly<Record<string, unknown>>, order: readonly string[]) =>
  `${streamId}:${order.map((f) => JSON.stringify(row[f] ?? null)).join(':')}`
