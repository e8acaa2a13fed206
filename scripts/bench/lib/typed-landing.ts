/**
 * A MEASUREMENT OF AN ALTERNATIVE, NOT THE PRODUCT PATH (decision 038). The bench's CSV landed in a typed
 * per-stream table (one column per field, typed from the schema our inferrer gives the stream), loaded
 * the way the Worker writes: the Neon driver through the local WebSocket proxy, one tenant-scoped
 * transaction per batch of 5,000 rows, each batch one multi-row `unnest` insert of column arrays,
 * under RLS as the app role; then the canonical records derived from it with one INSERT … SELECT.
 * Beside it, the same landing by COPY through the same driver: COPY FROM is refused on a table under RLS,
 * so each file is copied into a temporary table and moved into the landing table by one INSERT … SELECT.
 * It runs in Node (same V8, same parser, same driver), so R2, the queue and workerd are not in it; what
 * the product would also need (quarantine of values the column type refuses, drift as ALTER TABLE) is
 * not either.
 */
import { createReadStream, readFileSync } from 'node:fs'
import { pipeline } from 'node:stream/promises'
import { Client } from '@neondatabase/serverless'
import { sql } from 'drizzle-orm'
import pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import { openDatabase, withTenant } from '../../../workers/adapters/db/client.ts'
import { createCsvParser } from '../../../workers/core/aam/ingest/csv.ts'
import { createSchemaInferrer } from '../../../workers/core/aam/ingest/infer-schema.ts'
import type { FieldType, SnapshotField } from '../../../workers/core/aam/schema-snapshot.ts'
import { round } from './stats.ts'

const BATCH = 5000
const CHUNK = 1 << 20
const TENANT = '00000000-0000-4000-8000-00000000000a'
const STREAM = '00000000-0000-4000-8000-00000000000b'
const PG_TYPE: Record<FieldType, string> = {
  string: 'text',
  integer: 'bigint',
  number: 'numeric',
  boolean: 'boolean',
  timestamp: 'timestamptz',
  date: 'date',
  object: 'jsonb',
  array: 'jsonb',
}
const quote = (name: string) => `"${name.replaceAll('"', '""')}"`
/** The stream's fields as a column list, and as column definitions typed from the schema. */
const columnNames = (schema: readonly SnapshotField[]) => schema.map((f) => quote(f.path)).join(', ')
const columnDefinitions = (schema: readonly SnapshotField[]) =>
  schema.map((f) => `${quote(f.path)} ${PG_TYPE[f.type]}`).join(', ')

/** Every parsed record of the files, in chunks as a stream would deliver them. */
function* records(files: readonly string[]) {
  for (const [f, file] of files.entries()) {
    const parser = createCsvParser({})
    const text = readFileSync(file, 'utf8')
    for (let at = 0; at < text.length; at += CHUNK)
      for (const row of parser.push(text.slice(at, at + CHUNK))) if (row.ok) yield { f, ...row }
    for (const row of parser.end()) if (row.ok) yield { f, ...row }
  }
}

const tenantTable = (name: string, columns: string) => `create table ${name} (${columns});
  alter table ${name} enable row level security;
  create policy tenant_isolation on ${name} to aos_app using (tenant_id = app_tenant_id()) with check (tenant_id = app_tenant_id());
  grant select, insert on ${name} to aos_app;`

/** Each file by COPY into a temporary table, then into the RLS-bound landing table; rows landed. */
async function copyLanding(url: string, files: readonly string[], schema: readonly SnapshotField[]) {
  const names = columnNames(schema)
  const columns = columnDefinitions(schema)
  const client = new Client({ connectionString: url }) // the proxy route openDatabase set up
  await client.connect()
  let landed = 0
  try {
    for (const [f, file] of files.entries()) {
      await client.query('begin')
      await client.query(`select set_config('app.tenant_id', $1, true), set_config('role', 'aos_app', true)`, [TENANT])
      await client.query(
        `create temp table bench_stage (line bigint generated always as identity, ${columns}) on commit drop`,
      )
      const copy = client.query(copyFrom(`copy bench_stage (${names}) from stdin with (format csv, header true)`))
      await pipeline(createReadStream(file), copy)
      const moved = await client.query(`insert into bench_landing_copy (tenant_id, event_id, ${names})
        select app_tenant_id(), '${f}:' || (line + 1), ${names} from bench_stage on conflict do nothing`)
      landed += moved.rowCount ?? 0
      await client.query('commit')
    }
  } finally {
    await client.end()
  }
  return landed
}

export async function typedLandingLoad(adminUrl: string, wsProxy: string, files: readonly string[]) {
  const rows = { inferred: 0, landed: 0, derived: 0 }
  // Pass 1, as the sync makes it: the schema the columns are typed from.
  let started = performance.now()
  const inferrer = createSchemaInferrer({ format: 'text' })
  for (const row of records(files)) inferrer.add(row.record)
  const schema: SnapshotField[] = inferrer.snapshot()
  const inferSeconds = (performance.now() - started) / 1000
  rows.inferred = inferrer.records

  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  const { db, close } = openDatabase(adminUrl, wsProxy)
  try {
    const landing = `tenant_id uuid not null, event_id text not null, ${columnDefinitions(schema)},
      loaded_at timestamptz not null default now(), primary key (tenant_id, event_id)`
    await admin.query(`${tenantTable('bench_landing', landing)} ${tenantTable('bench_landing_copy', landing)}
      ${tenantTable(
        'bench_landing_records',
        `tenant_id uuid not null, stream_id uuid not null, event_id text not null,
      data jsonb not null, synced_at timestamptz not null default now()`,
      )}
      create unique index on bench_landing_records (tenant_id, event_id);
      create index on bench_landing_records (tenant_id, stream_id, synced_at);`)

    // Pass 2: parse again, column arrays per batch, one batch in flight while the next is parsed.
    const names = sql.raw(columnNames(schema))
    const write = async (eventIds: string[], values: (string | null)[][]) => {
      const arrays = sql.join(
        schema.map((f, i) => sql`${sql.param(values[i])}::${sql.raw(PG_TYPE[f.type])}[]`),
        sql`, `,
      )
      const result = await withTenant(db, TENANT, (tx) =>
        tx.execute<{ inserted: number }>(sql`
          with inserted as (
            insert into bench_landing (tenant_id, event_id, ${names})
            select ${TENANT}::uuid, * from unnest(${sql.param(eventIds)}::text[], ${arrays})
            on conflict do nothing
            returning 1
          )
          select count(*)::int as inserted from inserted`),
      )
      rows.landed += Number(result.rows[0]?.inserted ?? 0)
    }
    started = performance.now()
    let storing: Promise<void> = Promise.resolve()
    let eventIds: string[] = []
    let values: (string | null)[][] = schema.map(() => [])
    const flush = async () => {
      await storing
      storing = write(eventIds, values)
      eventIds = []
      values = schema.map(() => [])
    }
    for (const row of records(files)) {
      eventIds.push(`${row.f}:${row.line}`)
      schema.forEach((field, i) => {
        const value = row.record[field.path]
        values[i]?.push(value === undefined || (value === '' && field.type !== 'string') ? null : value)
      })
      if (eventIds.length >= BATCH) await flush()
    }
    await flush()
    await storing
    const loadSeconds = (performance.now() - started) / 1000

    // The canonical records from the landed rows, in one statement (values typed now, not the file's text).
    const attributes = sql.raw(schema.map((f) => `'${f.path.replaceAll("'", "''")}', l.${quote(f.path)}`).join(', '))
    started = performance.now()
    const derived = await withTenant(db, TENANT, (tx) =>
      tx.execute<{ inserted: number }>(sql`
        with inserted as (
          insert into bench_landing_records (tenant_id, stream_id, event_id, data)
          select l.tenant_id, ${STREAM}::uuid, l.event_id,
            jsonb_build_object('external_id', l.event_id, 'attributes', jsonb_build_object(${attributes}))
          from bench_landing l
          on conflict do nothing
          returning 1
        )
        select count(*)::int as inserted from inserted`),
    )
    rows.derived = Number(derived.rows[0]?.inserted ?? 0)
    const deriveSeconds = (performance.now() - started) / 1000

    started = performance.now()
    const copied = await copyLanding(adminUrl, files, schema)
    const copySeconds = (performance.now() - started) / 1000
    const rate = (n: number, s: number) => ({ seconds: round(s, 2), rows_per_s: round(n / s, 0) })
    return {
      rows,
      infer_schema_pass: rate(rows.inferred, inferSeconds),
      land_typed_unnest: rate(rows.landed, loadSeconds),
      derive_canonical_records: rate(rows.derived, deriveSeconds),
      land_and_derive: rate(rows.derived, loadSeconds + deriveSeconds),
      land_by_copy_via_temp_table: rate(copied, copySeconds),
      land_by_copy_and_derive: rate(copied, copySeconds + deriveSeconds),
      infer_land_and_derive: rate(rows.derived, inferSeconds + loadSeconds + deriveSeconds),
    }
  } finally {
    await close()
    await admin.query('drop table if exists bench_landing, bench_landing_copy, bench_landing_records').catch(() => {})
    await admin.end()
  }
}
