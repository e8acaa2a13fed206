import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningPostgres, startEmbeddedPostgres } from '../../../scripts/lib/embedded-postgres.ts'
import { freePort } from '../../../scripts/lib/free-port.ts'
import { importMappings } from '../../../scripts/lib/import-mappings.ts'
import { migrate } from '../../../scripts/lib/migrate.ts'

const run = promisify(execFile)
let db: RunningPostgres
let dir: string
let tenantA: string
let tenantB: string

async function query<T extends pg.QueryResultRow>(text: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: db.url })
  await client.connect()
  try {
    return (await client.query<T>(text, params)).rows
  } finally {
    await client.end()
  }
}

/** What a tenant sees through the application role, RLS alone deciding. */
async function visibleTo(tenant: string) {
  const client = new pg.Client({ connectionString: db.url })
  await client.connect()
  try {
    await client.query('begin')
    await client.query(`select set_config('app.tenant_id', $1, true), set_config('role', 'aos_app', true)`, [tenant])
    const { rows } = await client.query<{ source_path: string; field: string; version: number }>(
      'select source_path, field, version from mapping_registry order by source_path collate "C", version',
    )
    await client.query('commit')
    return rows
  } finally {
    await client.end()
  }
}

const header = 'tenant,source_system,connection,source_stream,source_path,entity,field,transform,confidence,status,note'

beforeAll(async () => {
  db = await startEmbeddedPostgres({ port: await freePort() })
  expect(await migrate(db.url)).toMatchObject({ ok: true })
  const tenants = await query<{ id: string }>(
    `insert into tenants (name) values ('Registry A'), ('Registry B') returning id`,
  )
  tenantA = tenants[0]?.id as string
  tenantB = tenants[1]?.id as string
  await query(`insert into connections (tenant_id, name, kind) values ($1, 'crm-files', 'file')`, [tenantA])
  dir = mkdtempSync(join(tmpdir(), 'aos-mappings-'))
}, 120_000)

afterAll(async () => {
  await db?.stop()
})

describe('npm run ingest:mappings', () => {
  it('loads the good rows, sends each bad one to the rejects file with its reason, and a second run changes nothing', async () => {
    const file = join(dir, 'mappings.csv')
    writeFileSync(
      file,
      [
        header,
        `,salesforce,,Account,Name,account,name,,0.95,,`,
        `,salesforce,,Account,Website,account,domain,lowercase,,,"from the ""Website"" field"`,
        `,file,crm-files,customers,mail,contact,email,trim,0.8,proposed,`,
        `,salesforce,,Account,BillingCity,account,billing_city,,,,`, // no such canonical field
        `,salesforce,,Account,Phone,account,phone,,very,,`, // confidence not a number
        `,salesforce,,Account,Name,account,external_id,,,,`, // the same source field again
        `,file,no-such-connection,customers,phone,contact,phone,,,,`,
        `${tenantB},hubspot,,companies,domain,account,domain,,,,`, // another tenant, named in the row
        `11111111-1111-1111-1111-111111111111,hubspot,,companies,name,account,name,,,,`, // no such tenant
        `,csv,,orders,"unterminated,order,total,,,,`,
      ].join('\n'),
    )
    const options = { file, tenant: tenantA, rejectsFile: join(dir, 'rejects.csv'), actor: 'test' }
    const first = await importMappings(db.url, options)
    expect(first).toEqual({
      rows: 10,
      new_versions: 4,
      unchanged: 0,
      rejected: 6,
      rejects_file: options.rejectsFile,
      dry_run: false,
    })
    const rejects = readFileSync(options.rejectsFile, 'utf8').trim().split('\n')
    expect(rejects[0]).toBe(`line,reason,${header}`)
    expect(rejects.slice(1).map((l) => l.split(',').slice(0, 2).join(','))).toEqual([
      expect.stringMatching(/^5,"field: is not a field of account v1/),
      '6,"confidence: expected a number between 0 and 1 (got ""very"")"',
      '7,same source field as line 2: a source field maps to one target',
      expect.stringMatching(/^11,/), // the unterminated quote, kept whole
      '8,"connection: no connection ""no-such-connection"" in this tenant"',
      '10,tenant: no tenant 11111111-1111-1111-1111-111111111111',
    ])
    expect(await visibleTo(tenantA)).toEqual([
      { source_path: 'Name', field: 'name', version: 1 },
      { source_path: 'Website', field: 'domain', version: 1 },
      { source_path: 'mail', field: 'email', version: 1 },
    ])
    expect(await visibleTo(tenantB)).toEqual([{ source_path: 'domain', field: 'domain', version: 1 }])
    const [note] = await query<{ note: string; provenance: string; created_by: string }>(
      `select note, provenance, created_by from mapping_registry where source_path = 'Website'`,
    )
    expect(note).toEqual({ note: 'from the "Website" field', provenance: 'import', created_by: 'test' })

    const again = await importMappings(db.url, { ...options, rejectsFile: join(dir, 'rejects-2.csv') })
    expect(again).toMatchObject({ rows: 10, new_versions: 0, unchanged: 4, rejected: 6 })
    expect(await query('select count(*)::int as n from mapping_registry')).toEqual([{ n: 4 }])
  })

  it('adds a version only for a changed row, and a dry run says so without writing', async () => {
    const file = join(dir, 'changed.csv')
    writeFileSync(
      file,
      [
        header,
        `,salesforce,,Account,Name,account,name,,1,,`,
        `,salesforce,,Account,Website,account,domain,lowercase,,,"from the ""Website"" field"`,
      ].join('\n'),
    )
    const options = { file, tenant: tenantA, rejectsFile: join(dir, 'changed.rejects.csv'), actor: 'test' }
    expect(await importMappings(db.url, { ...options, dryRun: true })).toMatchObject({
      new_versions: 1,
      unchanged: 1,
      rejected: 0,
      rejects_file: null,
      dry_run: true,
    })
    expect((await visibleTo(tenantA)).filter((r) => r.source_path === 'Name')).toHaveLength(1)
    expect(await importMappings(db.url, options)).toMatchObject({ new_versions: 1, unchanged: 1 })
    expect((await visibleTo(tenantA)).filter((r) => r.source_path === 'Name')).toEqual([
      { source_path: 'Name', field: 'name', version: 1 },
      { source_path: 'Name', field: 'name', version: 2 },
    ])
  })

  it('loads the documented example file without a reject', async () => {
    const summary = await importMappings(db.url, {
      file: 'docs/examples/mapping-registry.csv',
      tenant: tenantB,
      dryRun: true,
      rejectsFile: join(dir, 'example.rejects.csv'),
      actor: 'test',
    })
    expect(summary).toMatchObject({ rows: 10, new_versions: 10, rejected: 0, rejects_file: null })
  })

  it('leaves no imported mapping out when the list is paged (one statement, one timestamp)', async () => {
    const file = join(dir, 'many.csv')
    const rows = Array.from({ length: 25 }, (_, i) => `,csv,,paged,col_${i},record,attributes.col_${i},,,,`)
    writeFileSync(file, [header, ...rows].join('\n'))
    await importMappings(db.url, { file, tenant: tenantA, rejectsFile: join(dir, 'many.rejects.csv'), actor: 'test' })
    const { listLatestVersions } = await import('../../../workers/adapters/db/mapping-registry-repo.ts')
    const { openTcpDatabase, withTenant } = await import('../../../workers/adapters/db/client.ts')
    const { db: orm, close } = openTcpDatabase(db.url)
    try {
      const seen: string[] = []
      let after: { createdAt: Date; id: string } | undefined
      for (;;) {
        const page = await withTenant(orm, tenantA, (tx) =>
          listLatestVersions(tx, tenantA, { sourceStream: 'paged', limit: 4, ...(after ? { after } : {}) }),
        )
        seen.push(...page.slice(0, 4).map((r) => r.sourcePath))
        const last = page[3]
        if (page.length <= 4 || !last) break
        after = { createdAt: last.createdAt, id: last.id }
      }
      expect(seen.sort()).toEqual(rows.map((_, i) => `col_${i}`).sort())
    } finally {
      await close()
    }
  })

  it('refuses a file without the required columns, naming them, and writes nothing', async () => {
    const file = join(dir, 'bad-header.csv')
    writeFileSync(file, 'source_system,source_stream,target\nsalesforce,Account,name\n')
    const failure = await run('npx', ['tsx', 'scripts/ingest-mappings.ts', file, '--tenant', tenantA], {
      env: { ...process.env, DATABASE_URL: db.url },
    }).catch((e: { code: number; stderr: string }) => e)
    expect(failure).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('missing columns: source_path, entity, field'),
    })
  }, 60_000)

  it('prints a summary a person can read and JSON a script can', async () => {
    const file = join(dir, 'one.csv')
    writeFileSync(file, `${header}\n,postgres,,public.customers,email_address,contact,email,,,,\n`)
    const { stdout, stderr } = await run('npx', ['tsx', 'scripts/ingest-mappings.ts', file, '--tenant', tenantB], {
      env: { ...process.env, DATABASE_URL: db.url },
    })
    expect(stderr).toMatch(/1 rows: wrote 1 new versions, 0 unchanged, 0 rejected; [\d.]+ s/)
    expect(JSON.parse(stdout)).toMatchObject({ rows: 1, new_versions: 1, rejected: 0 })
  }, 60_000)
})
