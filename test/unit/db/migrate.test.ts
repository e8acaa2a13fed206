import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmbeddedPostgres } from '../../../scripts/lib/embedded-postgres.ts'
import { freePort } from '../../../scripts/lib/free-port.ts'
import { MIGRATIONS_DIR, migrate } from '../../../scripts/lib/migrate.ts'

/** A copy of db/migrations plus one extra migration, so the real ones run first. */
function migrationsWith(tag: string, sql: string) {
  const dir = mkdtempSync(join(tmpdir(), 'aos-migrations-'))
  cpSync(MIGRATIONS_DIR, dir, { recursive: true })
  const journalFile = join(dir, 'meta', '_journal.json')
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { idx: number; tag: string }[] }
  journal.entries.push({ idx: journal.entries.length, tag })
  writeFileSync(journalFile, JSON.stringify(journal))
  writeFileSync(join(dir, `${tag}.sql`), sql)
  return dir
}

describe('db:migrate', () => {
  let url: string
  let stop: () => Promise<void>
  const query = async (text: string) => {
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    try {
      return (await client.query(text)).rows
    } finally {
      await client.end()
    }
  }

  beforeAll(async () => {
    const db = await startEmbeddedPostgres({ port: await freePort() })
    url = db.url
    stop = db.stop
    expect(await migrate(url)).toMatchObject({ ok: true })
    await query(`insert into tenants (name) values ('keep me')`)
  }, 60_000)
  afterAll(() => stop())

  it('is idempotent: a second run applies nothing', async () => {
    expect(await migrate(url)).toEqual({ ok: true, applied: [] })
  })

  it('refuses a destructive migration, names file and statement, and changes nothing', async () => {
    const dir = migrationsWith(
      '0099_drop_tenants',
      'CREATE TABLE scratch (id int);\n--> statement-breakpoint\nDROP TABLE tenants CASCADE;',
    )
    const outcome = await migrate(url, { dir })
    expect(outcome.ok).toBe(false)
    if (outcome.ok) return
    expect(outcome.refused).toEqual([
      { file: join(dir, '0099_drop_tenants.sql'), statement: 'DROP TABLE tenants CASCADE', reason: 'drops a table' },
    ])
    expect(await query(`select to_regclass('scratch') as t`)).toEqual([{ t: null }])
    expect(await query('select name from tenants')).toEqual([{ name: 'keep me' }])
  })

  it('rolls back the whole batch when a statement fails', async () => {
    const dir = migrationsWith(
      '0099_broken',
      'CREATE TABLE scratch (id int);\n--> statement-breakpoint\nSELECT * FROM missing_table;',
    )
    await expect(migrate(url, { dir })).rejects.toThrow(/missing_table/)
    expect(await query(`select to_regclass('scratch') as t`)).toEqual([{ t: null }])
  })

  it('applies a destructive migration only with allowDestructive', async () => {
    const dir = migrationsWith(
      '0099_drop_scratch',
      'CREATE TABLE scratch (id int);\n--> statement-breakpoint\nDROP TABLE scratch;',
    )
    expect((await migrate(url, { dir })).ok).toBe(false)
    expect(await migrate(url, { dir, allowDestructive: true })).toEqual({ ok: true, applied: ['0099_drop_scratch'] })
  })
})
