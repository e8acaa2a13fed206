// A tenant's own Postgres (or Supabase) database, read over TCP with postgres.js, which uses Workers'
// `connect()` sockets in workerd. Read-only: every session is set to read-only before any query.
// The connection is not ended explicitly: postgres.js's workerd socket closes an already-closed socket
// after its Terminate message, an unhandled rejection; the runtime closes it when the invocation ends.
import { connect } from 'cloudflare:sockets'
import postgres from 'postgres'
import { type ColumnInfo, quoteIdent, tableSnapshots } from '../../core/aam/sources/postgres-types.ts'

export type SourceRow = Record<string, unknown>

/**
 * Opens and closes a plain TCP connection to the database first: postgres.js's workerd socket leaves a
 * refused connection as an unhandled rejection, so an unreachable host is caught here, with its reason.
 */
export async function probeReachable(url: string, timeoutMs = 10_000): Promise<void> {
  const { hostname, port } = new URL(url)
  const socket = connect({ hostname, port: Number(port || 5432) })
  let timer: ReturnType<typeof setTimeout> | undefined
  try {
    await Promise.race([
      socket.opened,
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer from ${hostname} within ${timeoutMs / 1000} s`)),
          timeoutMs,
        )
      }),
    ])
  } finally {
    clearTimeout(timer)
    await socket.close().catch(() => {})
  }
}

export function openPostgresSource(url: string) {
  const sql = postgres(url, {
    max: 1,
    connect_timeout: 10,
    prepare: false,
    connection: { application_name: 'autonomos-aam', default_transaction_read_only: true },
  })

  return {
    async check(): Promise<string[]> {
      const [who] = await sql<{ user: string; db: string; version: string }[]>`
        select current_user as user, current_database() as db, current_setting('server_version') as version`
      return [`connected to ${who?.db} as ${who?.user}`, `PostgreSQL ${who?.version}`]
    },

    /** Tables of a schema (all, or only `tables`) with their columns as snapshot fields. */
    async discover(schema: string, tables?: readonly string[]) {
      const columns = await sql<ColumnInfo[]>`
        select c.table_name, c.column_name, c.data_type, c.is_nullable
        from information_schema.columns c
        join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
        where c.table_schema = ${schema} and t.table_type in ('BASE TABLE', 'VIEW')
          ${tables && tables.length > 0 ? sql`and c.table_name in ${sql(tables as string[])}` : sql``}
        order by c.table_name, c.ordinal_position`
      return tableSnapshots(columns)
    },

    /** Up to `limit` rows after `after` in `order` (the cursor column, then the key), oldest first. */
    async readAfter(
      schema: string,
      table: string,
      order: readonly string[],
      after: readonly unknown[] | null,
      limit: number,
    ) {
      const cols = order.map(quoteIdent).join(', ')
      const from = `${quoteIdent(schema)}.${quoteIdent(table)}`
      const where = after ? `where (${cols}) > (${order.map((_, i) => `$${i + 1}`).join(', ')})` : ''
      const text = `select * from ${from} ${where} order by ${cols} limit ${Math.trunc(limit)}`
      return sql.unsafe<SourceRow[]>(text, (after ?? []) as never[])
    },
  }
}

export type PostgresSource = ReturnType<typeof openPostgresSource>
