/**
 * What the database's other sessions are doing, sampled every 20 ms from `pg_stat_activity`: seconds of
 * statements running by kind, and seconds a session held a transaction open between statements (the
 * round trips of the client). Approximate by nature: a sample sees a statement only while it runs.
 */
import pg from 'pg'
import { round } from './stats.ts'

const INTERVAL_MS = 20

export async function samplePgActivity(databaseUrl: string, kinds: readonly (readonly [string, RegExp])[]) {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  const seconds: Record<string, number> = {}
  const add = (kind: string) => {
    seconds[kind] = (seconds[kind] ?? 0) + INTERVAL_MS / 1000
  }
  let running = true
  const loop = (async () => {
    while (running) {
      const next = Date.now() + INTERVAL_MS
      const { rows } = await client.query<{ state: string; query: string }>(
        `select state, query from pg_stat_activity
          where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'`,
      )
      for (const { state, query } of rows) {
        if (state === 'idle in transaction') add('idle in transaction (waiting on the client)')
        else if (state === 'active') add(`running: ${kinds.find(([, test]) => test.test(query))?.[0] ?? 'other'}`)
      }
      await new Promise((r) => setTimeout(r, Math.max(0, next - Date.now())))
    }
  })()
  return {
    async stop() {
      running = false
      await loop
      await client.end()
      return Object.fromEntries(
        Object.entries(seconds)
          .sort(([, a], [, b]) => b - a)
          .map(([kind, s]) => [kind, round(s, 2)]),
      )
    },
  }
}
