import { decodeCursor, encodeCursor } from '../core/http/keyset-cursor.ts'
import { ProblemError } from './problem-error.ts'

/** Where a newest-first page starts: undefined for the first page; a cursor that is not ours is the client's error. */
export function pageStart(cursor: string | undefined) {
  const after = cursor ? decodeCursor(cursor) : undefined
  if (after === null)
    throw new ProblemError('bad_request', 'The cursor is not valid. Use next_cursor from a previous page.')
  return after
}

/** The page (`rows` holds one row past `limit` when more follow) and the cursor after its last row. */
export function keysetPage<R extends { createdAt: Date; id: string }, P>(
  rows: readonly R[],
  limit: number,
  present: (row: R) => P,
) {
  const page = rows.slice(0, limit)
  const last = page[page.length - 1]
  return {
    data: page.map(present),
    next_cursor: rows.length > limit && last ? encodeCursor(last.createdAt, last.id) : null,
  }
}
