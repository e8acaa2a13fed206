import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import pg from 'pg'
import { findDestructive, type GuardViolation, splitStatements } from './migration-guard.ts'

export const MIGRATIONS_DIR = join(import.meta.dirname, '..', '..', 'db', 'migrations')

interface JournalEntry {
  idx: number
  tag: string
}

export type MigrationOutcome = { ok: true; applied: string[] } | { ok: false; refused: GuardViolation[] }

/**
 * Applies pending migrations from db/migrations (drizzle-kit's journal order) in ONE transaction, so
 * a failure or a refusal leaves the database exactly as it was. Destructive statements are refused
 * unless `allowDestructive`.
 */
export async function migrate(
  databaseUrl: string,
  options: { allowDestructive?: boolean; dir?: string; log?: (line: string) => void } = {},
): Promise<MigrationOutcome> {
  const dir = options.dir ?? MIGRATIONS_DIR
  const log = options.log ?? (() => {})
  const journal = JSON.parse(readFileSync(join(dir, 'meta', '_journal.json'), 'utf8')) as {
    entries: JournalEntry[]
  }
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    await client.query(`CREATE TABLE IF NOT EXISTS aos_migrations (
      tag text PRIMARY KEY, hash text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`)
    const applied = new Set(
      (await client.query<{ tag: string }>('SELECT tag FROM aos_migrations')).rows.map((r) => r.tag),
    )
    const pending = journal.entries
      .sort((a, b) => a.idx - b.idx)
      .filter((entry) => !applied.has(entry.tag))
      .map((entry) => {
        const file = join(dir, `${entry.tag}.sql`)
        return { tag: entry.tag, file, sql: readFileSync(file, 'utf8') }
      })
    if (pending.length === 0) return { ok: true, applied: [] }

    const columns = await client.query<{ key: string; type: string }>(`
      SELECT table_name || '.' || column_name AS key,
             CASE WHEN character_maximum_length IS NOT NULL
                  THEN data_type || '(' || character_maximum_length || ')' ELSE data_type END AS type
      FROM information_schema.columns WHERE table_schema = 'public'`)
    const columnTypes = new Map(columns.rows.map((r) => [r.key, r.type]))
    const refused = pending.flatMap((m) => findDestructive(m.file, m.sql, columnTypes))
    if (refused.length > 0 && !options.allowDestructive) return { ok: false, refused }

    await client.query('BEGIN')
    try {
      await client.query('SELECT pg_advisory_xact_lock(7305001)')
      for (const migration of pending) {
        log(`applying ${migration.tag}`)
        for (const statement of splitStatements(migration.sql)) await client.query(statement)
        const hash = createHash('sha256').update(migration.sql).digest('hex')
        await client.query('INSERT INTO aos_migrations (tag, hash) VALUES ($1, $2)', [migration.tag, hash])
      }
      await client.query('COMMIT')
    } catch (error) {
      await client.query('ROLLBACK')
      throw error
    }
    return { ok: true, applied: pending.map((m) => m.tag) }
  } finally {
    await client.end()
  }
}
