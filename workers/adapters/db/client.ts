import { neonConfig, Pool } from '@neondatabase/serverless'
import { sql } from 'drizzle-orm'
import { drizzle, type NeonDatabase } from 'drizzle-orm/neon-serverless'
import { drizzle as drizzleTcp } from 'drizzle-orm/node-postgres'
import pg from 'pg'
import type { Database } from '../../env.ts'

// No `schema` is passed: drizzle builds its relational-query config from it on every instance (~0.45 ms
// of CPU per request, measured), and the app writes its queries with the query builder only.
export type Db = NeonDatabase & { $client: Pool | pg.Pool }
declare const scoped: unique symbol
/**
 * The query builder inside withScope's transaction. The brand keeps a bare `Db` from being passed for it;
 * `transaction` is left out, since on this connection it would send a second BEGIN, not a savepoint.
 */
export type Tx = Omit<NeonDatabase, 'transaction'> & { readonly [scoped]: true }

/**
 * Locally the Neon driver reaches plain Postgres through a WebSocket→TCP proxy (the pattern Neon
 * documents for local development); in production DB_WS_PROXY is unset and it talks to Neon directly.
 */
function routeThroughLocalProxy(proxy: string) {
  neonConfig.wsProxy = (host, port) => `${proxy}/v1?address=${host}:${port}`
  neonConfig.useSecureWebSocket = false
  neonConfig.pipelineTLS = false
  neonConfig.pipelineConnect = false
  neonConfig.forceDisablePgSSL = true
}

/**
 * One pool per request: Workers may not share sockets across requests. Neon is reached over its
 * WebSocket endpoint; Supabase has none, so its pooler is reached over TCP (node-postgres on
 * `cloudflare:sockets`). Both pools are node-postgres underneath (Neon's driver is its fork), so
 * queries, transactions and results behave the same through either.
 */
export function openDatabase(
  url: string,
  proxy?: string,
  provider: Database['provider'] = 'neon',
): { db: Db; close(): Promise<void> } {
  if (provider === 'supabase') return openTcpDatabase(url)
  if (proxy) routeThroughLocalProxy(proxy)
  const pool = new Pool({ connectionString: url, max: 4 })
  // A connection dropped while idle (e.g. during end()) is not a request failure; queries in flight
  // still reject on their own, so nothing is hidden from the caller.
  pool.on('error', () => {})
  return { db: drizzle({ client: pool }), close: () => pool.end() }
}

/** node-postgres over TCP: Supabase's pooler from a Worker (`cloudflare:sockets`), any Postgres from Node tooling. */
export function openTcpDatabase(url: string): { db: Db; close(): Promise<void> } {
  const pool = new pg.Pool({ connectionString: url, max: 4 })
  pool.on('error', () => {})
  return { db: drizzleTcp({ client: pool }) as unknown as Db, close: () => pool.end() }
}

export interface Scope {
  tenantId?: string
  userId?: string
  /** Lets a login see exactly one user row by email, and nothing else. */
  loginEmail?: string
  /** Lets a transaction see exactly the email-link row whose token hashes to this, and nothing else. */
  tokenHash?: string
}

/**
 * Runs `fn` in a transaction as the RLS-bound role with the scope's settings, all local to the
 * transaction, so nothing leaks to the next user of the connection. `BEGIN` and the scope go to the server
 * as one message: one round trip for both, where drizzle's own transaction would take two. `lock` names a
 * transaction-scoped advisory lock taken in that same round trip (see scopeStatement).
 */
export async function withScope<T>(db: Db, scope: Scope, fn: (tx: Tx) => Promise<T>, lock?: string): Promise<T> {
  const pool = db.$client
  // The query builder over one connection of the pool: every statement `fn` makes runs in the transaction.
  if (pool instanceof pg.Pool) {
    const client = await pool.connect()
    return inTransaction(client, drizzleTcp({ client }), scope, fn, lock)
  }
  const client = await pool.connect()
  return inTransaction(client, drizzle({ client }), scope, fn, lock)
}

/** What withScope needs of a pooled connection; node-postgres and Neon's fork of it both have it. */
interface PooledClient {
  query(text: string): Promise<unknown>
  escapeLiteral(value: string): string
  release(error?: Error): void
}

async function inTransaction<T>(
  client: PooledClient,
  builder: object,
  scope: Scope,
  fn: (tx: Tx) => Promise<T>,
  lock: string | undefined,
): Promise<T> {
  let broken: Error | undefined
  try {
    await client.query(`begin; ${scopeStatement(scope, lock, (value) => client.escapeLiteral(value))}`)
    const result = await fn(builder as Tx)
    await client.query('commit')
    return result
  } catch (error) {
    // A connection that cannot even roll back is discarded rather than handed to the next request.
    await client.query('rollback').catch((failed: unknown) => {
      broken = failed instanceof Error ? failed : new Error(String(failed))
    })
    throw error
  } finally {
    client.release(broken)
  }
}

/**
 * The statement that binds a transaction to a scope. It travels with `BEGIN` in the simple protocol, which
 * takes no parameters, so every value is a literal quoted by the driver's own `escapeLiteral`. With a
 * `lock`, it also waits for that advisory lock (held until the transaction ends): one round trip fewer for
 * work that must be serialised, such as checking a quota before adding to it.
 */
const scopeStatement = (scope: Scope, lock: string | undefined, literal: (value: string) => string) =>
  `select ${[
    `set_config('app.tenant_id', ${literal(scope.tenantId ?? '')}, true)`,
    `set_config('app.user_id', ${literal(scope.userId ?? '')}, true)`,
    `set_config('app.login_email', ${literal(scope.loginEmail ?? '')}, true)`,
    `set_config('app.token_hash', ${literal(scope.tokenHash ?? '')}, true)`,
    `set_config('role', 'aos_app', true)`,
    ...(lock === undefined ? [] : [`pg_advisory_xact_lock(hashtextextended(${literal(lock)}, 0))`]),
  ].join(', ')}`

/** Waits for the advisory lock named `lock`, held until the transaction ends. */
export const advisoryXactLock = (lock: string) => sql`pg_advisory_xact_lock(hashtextextended(${lock}, 0))`

export const withTenant = <T>(db: Db, tenantId: string, fn: (tx: Tx) => Promise<T>, lock?: string) =>
  withScope(db, { tenantId }, fn, lock)

/** The SQLSTATE of a database error, looked for through the causes the query builder wraps it in. */
function sqlError(error: unknown): { code: string; message: string } | null {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return { code, message: e.message }
  }
  return null
}

/**
 * Postgres refused the values themselves (class 22, data exception; class 54, a limit exceeded): sending
 * them again cannot help, so the caller finds the row at fault and quarantines it with this reason.
 */
export function refusedValues(error: unknown): string | null {
  const found = sqlError(error)
  if (!found || !/^(22|54)/.test(found.code)) return null
  return `the database refused to store it (SQLSTATE ${found.code}: ${found.message})`
}
