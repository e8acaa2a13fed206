import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { expect, it } from 'vitest'
import { startEmbeddedPostgres } from '../../../scripts/lib/embedded-postgres.ts'
import { freePort } from '../../../scripts/lib/free-port.ts'
import { MIGRATIONS_DIR, migrate } from '../../../scripts/lib/migrate.ts'

const TAG = '0013_connection_kind_text'

it('turns an existing database’s connection kinds into text, past the guard, keeping every row and RLS', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'aos-migrations-'))
  cpSync(MIGRATIONS_DIR, dir, { recursive: true })
  const journalFile = join(dir, 'meta', '_journal.json')
  const journal = readFileSync(journalFile, 'utf8')
  const before = JSON.parse(journal) as { entries: { tag: string }[] }
  writeFileSync(journalFile, JSON.stringify({ ...before, entries: before.entries.filter((e) => e.tag !== TAG) }))
  const db = await startEmbeddedPostgres({ port: await freePort() })
  const query = async (text: string) => {
    const client = new pg.Client({ connectionString: db.url })
    await client.connect()
    try {
      return (await client.query(text)).rows
    } finally {
      await client.end()
    }
  }
  try {
    expect(await migrate(db.url, { dir })).toMatchObject({ ok: true })
    const [tenant] = await query(`insert into tenants (name) values ('Kinds Co') returning id`)
    await query(
      `insert into connections (tenant_id, name, kind) values ('${tenant.id}', 'a', 'mongodb'), ('${tenant.id}', 'b', 'file')`,
    )
    writeFileSync(journalFile, journal)
    expect(await migrate(db.url, { dir })).toEqual({ ok: true, applied: [TAG] })
    expect(await query(`select kind, pg_typeof(kind)::text as type from connections order by name`)).toEqual([
      { kind: 'mongodb', type: 'text' },
      { kind: 'file', type: 'text' },
    ])
    expect(await query(`select 1 from pg_type where typname = 'connection_kind'`)).toEqual([])
    expect(await query(`select policyname from pg_policies where tablename = 'connections'`)).toEqual([
      { policyname: 'tenant_isolation' },
    ])
  } finally {
    await db.stop()
  }
}, 120_000)
