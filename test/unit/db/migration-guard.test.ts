import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { findDestructive, isWidening, splitStatements } from '../../../scripts/lib/migration-guard.ts'

const none = new Map<string, string>()
const reasons = (sql: string, types: Map<string, string> = none) =>
  findDestructive('m.sql', sql, types).map((v) => v.reason)

describe('destructive-migration guard', () => {
  it.each([
    ['DROP TABLE "users";', 'drops a table'],
    ['drop table if exists audit_log cascade;', 'drops a table'],
    ['TRUNCATE jobs;', 'truncates a table'],
    ['ALTER TABLE "users" DROP COLUMN "email";', 'drops column users.email'],
    ['ALTER TABLE users DROP email;', 'drops column users.email'],
    ['ALTER TABLE "users" RENAME COLUMN "email" TO "mail";', 'renames a column of users'],
    ['ALTER TABLE users RENAME TO people;', 'renames table users'],
    ['DELETE FROM sessions;', 'deletes without a WHERE'],
  ])('refuses %s', (sql, reason) => {
    expect(reasons(sql)).toEqual([reason])
  })

  it('refuses narrowing a column that exists, judged against its current type', () => {
    const types = new Map([
      ['users.age', 'bigint'],
      ['users.name', 'character varying(200)'],
      ['users.code', 'text'],
    ])
    expect(reasons('ALTER TABLE "users" ALTER COLUMN "age" SET DATA TYPE integer;', types)).toEqual([
      'narrows users.age from bigint to integer',
    ])
    expect(reasons('ALTER TABLE users ALTER COLUMN name TYPE varchar(50);', types)).toHaveLength(1)
    expect(reasons('ALTER TABLE users ALTER COLUMN code TYPE uuid USING code::uuid;', types)).toHaveLength(1)
    expect(reasons('ALTER TABLE users ALTER COLUMN name TYPE text;', types)).toEqual([])
    expect(reasons('ALTER TABLE users ALTER COLUMN name TYPE varchar(300);', types)).toEqual([])
  })

  it('allows additive and harmless statements', () => {
    const sql = `CREATE TABLE t (id int);
      ALTER TABLE t ADD COLUMN name text;
      ALTER TABLE t ALTER COLUMN name DROP NOT NULL;
      ALTER TABLE t ALTER COLUMN name DROP DEFAULT;
      ALTER TABLE t DROP CONSTRAINT t_pk;
      DROP INDEX t_idx;
      DELETE FROM t WHERE id = 1;
      -- DROP TABLE t; (a comment is not a statement)`
    expect(reasons(sql)).toEqual([])
  })

  it('knows the widening lattice', () => {
    expect(isWidening('integer', 'bigint')).toBe(true)
    expect(isWidening('int4', 'numeric')).toBe(true)
    expect(isWidening('integer', 'numeric(5)')).toBe(false)
    expect(isWidening('timestamp without time zone', 'timestamptz')).toBe(true)
    expect(isWidening('bigint', 'integer')).toBe(false)
    expect(isWidening('text', 'varchar(10)')).toBe(false)
    expect(isWidening('timestamptz', 'date')).toBe(false)
    expect(isWidening('USER-DEFINED', 'text')).toBe(true)
  })

  it('splits on semicolons outside quotes, $$ bodies and comments', () => {
    const sql = `DO $$ BEGIN PERFORM 1; END $$;
      --> statement-breakpoint
      INSERT INTO t VALUES ('a;b'); -- trailing; comment`
    expect(splitStatements(sql)).toEqual(['DO $$ BEGIN PERFORM 1; END $$', "INSERT INTO t VALUES ('a;b')"])
  })

  it("passes the project's own migrations (a drop they mean is declared in the file)", () => {
    const dir = join(import.meta.dirname, '../../../db/migrations')
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.sql'))) {
      expect(findDestructive(file, readFileSync(join(dir, file), 'utf8'), none)).toEqual([])
    }
  })

  it('waives only the losses a migration declares, word for word', () => {
    const sql = `-- intended: drops column t.old
      ALTER TABLE t DROP COLUMN old;
      ALTER TABLE t DROP COLUMN other;
      -- intended: drops a table called v
      DROP TABLE u;`
    expect(reasons(sql)).toEqual(['drops column t.other', 'drops a table'])
  })
})
