import { neonConfig, Pool } from '@neondatabase/serverless'
import { sql } from 'drizzle-orm'
import { drizzle, type NeonDatabase } from 'drizzle-orm/neon-serverless'
import { drizzle as drizzleTcp } from 'drizzle-orm/node-postgres'
import pg from 'pg'
import type { Database } from '../../env.ts'

// No `schema` is passed: drizzle builds its relational-query config from it on every instance (~0.45 ms
// of CPU per request, measured), and the app writes its queries with the query builder only.
export type Db = NeonDatabase
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]

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
  if (provider === 'supabase') {
    const pool = new pg.Pool({ connectionString: url, max: 4 })
    pool.on('error', () => {})
    return { db: drizzleTcp({ client: pool }), close: () => pool.end() }
  }
  if (proxy) routeThroughLocalProxy(proxy)
  const pool = new Pool({ connectionString: url, max: 4 })
  // A connection dropped while idle (e.g. during end()) is not a request failure; queries in flight
  // still reject on their own, so nothing is hidden from the caller.
  pool.on('error', () => {})
  return { db: drizzle({ client: pool }), close: () => pool.end() }
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
 * Runs `fn` in a transaction as the RLS-bound role with the scope's settings, all set in one round
 * trip and all local to the transaction, so nothing leaks to the next user of the connection. `lock`
 * names a transaction-scoped advisory lock taken in that same round trip (see scopeSettings).
 */
export function withScope<T>(db: Db, scope: Scope, fn: (tx: Tx) => Promise<T>, lock?: string): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(scopeSettings(scope, lock))
    return fn(tx)
  })
}

/**
 * The statement that binds a transaction to a scope; Node tooling on other drivers runs it too. With a
 * `lock`, it also waits for that advisory lock (held until the transaction ends): one round trip fewer
 * for work that must be serialised, such as checking a quota before adding to it.
 */
export const scopeSettings = (scope: Scope, lock?: string) => sql`select
  set_config('app.tenant_id', ${scope.tenantId ?? ''}, true),
  set_config('app.user_id', ${scope.userId ?? ''}, true),
  set_config('app.login_email', ${scope.loginEmail ?? ''}, true),
  set_config('app.token_hash', ${scope.tokenHash ?? ''}, true),
  set_config('role', 'aos_app', true)${lock === undefined ? sql`` : sql`, ${advisoryXactLock(lock)}`}`

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
