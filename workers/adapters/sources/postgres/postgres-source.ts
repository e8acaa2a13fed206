// A tenant's own Postgres (or Supabase) database, read over TCP with postgres.js, which uses Workers'
// `connect()` sockets in workerd. Read-only: every session is set to read-only before any query.
// The connection is not ended explicitly: postgres.js's workerd socket closes an already-closed socket
// after its Terminate message, an unhandled rejection; the runtime closes it when the invocation ends.
import { connect } from 'cloudflare:sockets'
import postgres from 'postgres'
import type { CursorSource, SourceRow } from '../../../core/aam/connectors/cursor-source.ts'
import { type ColumnInfo, quoteIdent, tableSnapshots } from '../../../core/aam/connectors/postgres/columns.ts'
import { PostgresConfig } from '../../../core/aam/connectors/postgres/connector.ts'
import { jsonRow, readOrder, resumeAfter, rowEventId } from '../../../core/aam/connectors/postgres/rows.ts'
import type { OpenerInput } from '../opener.ts'

const BATCH = 2000
const SAMPLE = 200
/** Connecting (TCP, TLS, authentication) and each query are bounded: a stalled server cannot hold a sync. */
const CONNECT_TIMEOUT_S = 10
const QUERY_TIMEOUT_S = 60

/**
 * `work`, or a rejection once `seconds` have passed. A query that times out is left to the server: its
 * socket closes when the invocation ends (see the note above on ending connections).
 */
async function within<T>(work: Promise<T>, seconds: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} took longer than ${seconds} s`)), seconds * 1000)
      }),
    ])
  } finally {
    clearTimeout(timer)
  }
}

/**
 * Opens and closes a plain TCP connection to the database first: postgres.js's workerd socket leaves a
 * refused connection as an unhandled rejection, so an unreachable host is caught here.
 */
export async function probeReachable(url: string): Promise<void> {
  const { hostname, port } = new URL(url)
  const socket = connect({ hostname, port: Number(port || 5432) })
  try {
    await within(socket.opened, CONNECT_TIMEOUT_S, 'connecting')
  } finally {
    await socket.close().catch(() => {})
  }
}

/** A tenant's database as a cursor source: its tables are the streams, read in (cursor column, key) order. */
export function openPostgresSource(url: string, config: PostgresConfig): CursorSource {
  const sql = postgres(url, {
    max: 1,
    connect_timeout: CONNECT_TIMEOUT_S,
    prepare: false,
    connection: { application_name: 'autonomos-aam', default_transaction_read_only: true },
  })

  // postgres.js bounds each connection attempt but retries at once, without end, a server that closes
  // during the handshake; so the whole of connecting is bounded here, before the first query runs.
  let ready: Promise<unknown> | undefined
  async function query<T>(work: Promise<T>) {
    ready ??= within(sql`select 1`, CONNECT_TIMEOUT_S, 'connecting')
    await ready
    return within(work, QUERY_TIMEOUT_S, 'a query')
  }

  /** Tables of the schema (all, or only the selected ones) with their columns as snapshot fields. */
  async function discover() {
    const { schema, tables } = config
    const columns = await query(sql<ColumnInfo[]>`
      select c.table_name, c.column_name, c.data_type, c.is_nullable
      from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
      where c.table_schema = ${schema} and t.table_type in ('BASE TABLE', 'VIEW')
        ${tables && tables.length > 0 ? sql`and c.table_name in ${sql(tables as string[])}` : sql``}
      order by c.table_name, c.ordinal_position`)
    return tableSnapshots(columns)
  }

  /** Up to `limit` rows after `after` in `order` (the cursor column, then the key), oldest first. */
  function readAfter(table: string, order: readonly string[], after: readonly unknown[] | null, limit: number) {
    const cols = order.map(quoteIdent).join(', ')
    const from = `${quoteIdent(config.schema)}.${quoteIdent(table)}`
    const where = after ? `where (${cols}) > (${order.map((_, i) => `$${i + 1}`).join(', ')})` : ''
    const text = `select * from ${from} ${where} order by ${cols} limit ${Math.trunc(limit)}`
    return query(sql.unsafe<SourceRow[]>(text, (after ?? []) as never[]))
  }

  return {
    async check() {
      const [who] = await query(sql<{ user: string; db: string; version: string }[]>`
        select current_user as user, current_database() as db, current_setting('server_version') as version`)
      const tables = await discover()
      return [
        `connected to ${who?.db} as ${who?.user}`,
        `PostgreSQL ${who?.version}`,
        `${tables.size} table(s) readable in schema ${config.schema}`,
      ]
    },
    discover,
    async sample(table) {
      const from = `${quoteIdent(config.schema)}.${quoteIdent(table)}`
      return (await query(sql.unsafe<SourceRow[]>(`select * from ${from} limit ${SAMPLE}`))).map(jsonRow)
    },
    reader(table, schema) {
      const order = readOrder(schema, config.cursor_column, config.primary_key)
      if (!order) return { skipped: `no ${config.primary_key} column to read by` }
      return {
        async *batches(stored) {
          let after = resumeAfter(stored, order)
          for (;;) {
            const rows = (await readAfter(table, order, after, BATCH)).map(jsonRow)
            if (rows.length === 0) return
            const last = rows[rows.length - 1] as SourceRow
            after = order.map((c) => last[c] ?? null)
            yield { rows, cursor: { order, after } }
            if (rows.length < BATCH) return
          }
        },
        eventId: (streamId, row) => rowEventId(streamId, row, order),
        time: (row) => {
          const value = row[config.cursor_column]
          return typeof value === 'string' ? value : undefined
        },
      }
    },
  }
}

/** Its opener (openers.ts): the settings, and the database URL as the secret; the host must answer first. */
export async function openPostgres({ connection, secret }: OpenerInput) {
  await probeReachable(secret)
  return openPostgresSource(secret, PostgresConfig.parse(connection.config))
}
