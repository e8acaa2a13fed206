// A JSON answer's records, and the event id of a record version: the same content read again is the same
// event (stored once), changed content a new one. The endpoint gives no change time or cursor, so the
// content itself says whether a record changed.
import type { SourceRow } from '../cursor-source.ts'

const isRecord = (value: unknown): value is SourceRow =>
  value !== null && typeof value === 'object' && !Array.isArray(value)

/** The array of records at `path` (dotted) in the answer, or why there is none. */
export function recordsAt(body: unknown, path: string | undefined): SourceRow[] | { error: string } {
  let value = body
  for (const part of path ? path.split('.') : []) {
    if (!isRecord(value)) return { error: `the answer has no ${path}` }
    value = value[part]
  }
  const where = path ? `at ${path}` : 'at the top level'
  if (!Array.isArray(value)) return { error: `the answer holds no array ${where}` }
  if (!value.every(isRecord)) return { error: `the array ${where} holds something other than objects` }
  return value
}

/** JSON with object keys sorted, so the same content always reads the same. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`
  if (isRecord(value))
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson(value[k])}`)
      .join(',')}}`
  return JSON.stringify(value) ?? 'null'
}

/** cyrb53: a fast 53-bit string hash (public domain), enough to tell versions of one record apart. */
function hash53(text: string): string {
  let h1 = 0xdeadbeef
  let h2 = 0x41c6ce57
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i)
    h1 = Math.imul(h1 ^ ch, 2654435761)
    h2 = Math.imul(h2 ^ ch, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16)
}

export const recordEventId = (streamId: string, row: SourceRow, key: string) =>
  `${streamId}:${JSON.stringify(row[key] ?? null)}:${hash53(stableJson(row))}`
