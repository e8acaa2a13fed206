// The page cursor of lists ordered by (created_at desc, id desc): a page continues after its last
// row, so rows added meanwhile never shift the next page.
import { decodePageCursor, encodePageCursor } from './page-cursor.ts'

export const encodeCursor = (createdAt: Date, id: string) => encodePageCursor(createdAt.toISOString(), id)

export function decodeCursor(cursor: string): { createdAt: Date; id: string } | null {
  const [iso, id] = decodePageCursor(cursor, 2) ?? []
  const createdAt = new Date(iso ?? '')
  if (!id || Number.isNaN(createdAt.getTime()) || !/^[0-9a-f-]{36}$/.test(id)) return null
  return { createdAt, id }
}
