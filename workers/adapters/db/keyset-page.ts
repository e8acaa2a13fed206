import { desc, type SQLWrapper, sql } from 'drizzle-orm'

/**
 * Postgres keeps microseconds, a cursor (a JS Date) milliseconds: ordering and comparing on the
 * millisecond keeps rows written in one statement (one `now()`) from falling between two pages.
 */
const byMillisecond = (column: SQLWrapper) => sql`date_trunc('milliseconds', ${column})`

/** Rows after the cursor's row in (created_at desc, id desc) order. */
export const afterCursor = (createdAt: SQLWrapper, id: SQLWrapper, after: { createdAt: Date; id: string }) =>
  sql`(${byMillisecond(createdAt)}, ${id}) < (${after.createdAt.toISOString()}::timestamptz, ${after.id}::uuid)`

/** Newest first, as afterCursor pages. */
export const newestFirst = (createdAt: SQLWrapper, id: SQLWrapper) => [desc(byMillisecond(createdAt)), desc(id)]
