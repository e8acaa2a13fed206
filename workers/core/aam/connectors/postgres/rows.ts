// Rows read from a tenant's database, made JSON (canonical records carry JSON values only) and placed
// on the stream's cursor: the (cursor column, key) of the last stored row.

/** Dates as ISO strings, bigints as text, bytes as base64; everything else is already JSON. */
export function jsonValue(value: unknown): unknown {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString()
  if (typeof value === 'bigint') return value.toString()
  if (value instanceof Uint8Array) return btoa(String.fromCharCode(...value))
  if (Array.isArray(value)) return value.map(jsonValue)
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonValue(v)]))
  return value
}

export const jsonRow = (row: Readonly<Record<string, unknown>>) => jsonValue(row) as Record<string, unknown>

/** Read order for a table: by the cursor column then the key when the table has it, else by key alone. */
export function readOrder(fields: readonly { path: string }[], cursorColumn: string, key: string): string[] | null {
  const has = (name: string) => fields.some((f) => f.path === name)
  if (!has(key)) return null
  return has(cursorColumn) && cursorColumn !== key ? [cursorColumn, key] : [key]
}

export type StreamCursor = { order: string[]; after: unknown[] }

/** The cursor to resume from, if it was written for the same read order. */
export function resumeAfter(stored: unknown, order: readonly string[]): unknown[] | null {
  const cursor = stored as Partial<StreamCursor> | null
  if (!cursor?.after || !cursor.order || cursor.order.join('\u0000') !== order.join('\u0000')) return null
  return cursor.after
}

/**
 * A row version's event id: the same row read again is the same event (idempotent), an updated row
 * (new cursor value) is a new event.
 */
export const rowEventId = (streamId: string, row: Readonly<Record<string, unknown>>, order: readonly string[]) =>
  `${streamId}:${order.map((c) => JSON.stringify(row[c] ?? null)).join(':')}`
