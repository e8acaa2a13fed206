// Loads a mapping-registry CSV (docs/mapping-registry.md) into the registry: streamed, each row
// validated on its own, written in batches as new versions under the row's tenant (RLS-bound role),
// a row that fails going to the rejects file with its reason while the rest load. Loading the same
// file again finds every mapping already at that content and writes nothing.
import { createReadStream, createWriteStream, statSync, type WriteStream } from 'node:fs'
import { sql } from 'drizzle-orm'
import * as schema from '../../db/schema/index.ts'
import { openTcpDatabase, type Tx, withTenant } from '../../workers/adapters/db/client.ts'
import {
  asStoredVersion,
  insertVersions,
  latestVersions,
  versionRows,
} from '../../workers/adapters/db/mapping-registry-repo.ts'
import { createCsvParser } from '../../workers/core/aam/ingest/csv.ts'
import { headerProblem, registryRowOf } from '../../workers/core/dcl/registry/csv-row.ts'
import type { MappingEntry } from '../../workers/core/dcl/registry/mapping-entry.ts'
import { planVersions, type StatedMapping } from '../../workers/core/dcl/registry/plan-versions.ts'

export class MappingFileError extends Error {}

export interface ImportProgress {
  bytes: number
  totalBytes: number
  rows: number
  rejected: number
}

export interface ImportOptions {
  file: string
  /** The tenant of rows whose `tenant` cell is empty. */
  tenant?: string | undefined
  dryRun?: boolean
  rejectsFile: string
  batchSize?: number
  /** Recorded as `created_by` on every version written. */
  actor: string
  onProgress?: (progress: ImportProgress) => void
}

export interface ImportSummary {
  rows: number
  /** Versions written (or, in a dry run, that would be). */
  new_versions: number
  unchanged: number
  rejected: number
  rejects_file: string | null
  dry_run: boolean
}

type Pending = { line: number; tenant: string; connection: string | undefined; entry: MappingEntry }

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value
}

/** The rejects file opens at the first reject: a clean load leaves no empty file behind. */
function rejectsWriter(path: string) {
  let out: WriteStream | null = null
  let columns: readonly string[] = []
  return {
    setColumns(header: readonly string[]) {
      columns = header.filter((c) => c !== 'line' && c !== 'reason')
    },
    write(line: number, reason: string, record: Readonly<Record<string, string>> | string) {
      if (!out) {
        out = createWriteStream(path)
        out.write(`${['line', 'reason', ...columns].join(',')}\n`)
      }
      const cells = typeof record === 'string' ? [record] : columns.map((c) => record[c] ?? '')
      out.write(`${[String(line), reason, ...cells].map(csvCell).join(',')}\n`)
    },
    async close(): Promise<string | null> {
      if (!out) return null
      const stream = out
      await new Promise<void>((resolve, reject) => stream.end((e?: Error | null) => (e ? reject(e) : resolve())))
      return path
    },
  }
}

export async function importMappings(databaseUrl: string, options: ImportOptions): Promise<ImportSummary> {
  const totalBytes = statSync(options.file).size
  const batchSize = options.batchSize ?? 500
  const { db, close } = openTcpDatabase(databaseUrl)
  const rejects = rejectsWriter(options.rejectsFile)
  const summary: ImportSummary = {
    rows: 0,
    new_versions: 0,
    unchanged: 0,
    rejected: 0,
    rejects_file: null,
    dry_run: options.dryRun === true,
  }
  const records = new Map<number, Readonly<Record<string, string>>>() // rows of the pending batch, for rejects
  const tenantKnown = new Map<string, boolean>()
  const connectionIds = new Map<string, string | null>() // `${tenant}\0${id or name}` → id
  const firstLineOfKey = new Map<string, number>()
  let pending: Pending[] = []

  const reject = (line: number, reason: string, record: Readonly<Record<string, string>> | string) => {
    summary.rejected++
    rejects.write(line, reason, record)
  }

  async function tenantExists(tenant: string): Promise<boolean> {
    let known = tenantKnown.get(tenant)
    if (known === undefined) {
      known = (await db.execute(sql`select 1 from tenants where id = ${tenant}`)).rowCount === 1
      tenantKnown.set(tenant, known)
    }
    return known
  }

  async function connectionIdOf(tx: Tx, tenant: string, ref: string): Promise<string | null> {
    const cacheKey = `${tenant}\u0000${ref}`
    if (!connectionIds.has(cacheKey)) {
      const byId = UUID.test(ref) ? sql`${schema.connections.id} = ${ref}::uuid or ` : sql``
      const [found] = await tx
        .select({ id: schema.connections.id })
        .from(schema.connections)
        .where(sql`${schema.connections.tenantId} = ${tenant} and (${byId}${schema.connections.name} = ${ref})`)
        .limit(2)
      connectionIds.set(cacheKey, found?.id ?? null)
    }
    return connectionIds.get(cacheKey) ?? null
  }

  async function writeTenantBatch(tenant: string, rows: readonly Pending[]) {
    if (!(await tenantExists(tenant))) {
      for (const row of rows) reject(row.line, `tenant: no tenant ${tenant}`, records.get(row.line) ?? '')
      return
    }
    await withTenant(db, tenant, async (tx) => {
      const stated: StatedMapping[] = []
      for (const row of rows) {
        const connectionId = row.connection === undefined ? null : await connectionIdOf(tx, tenant, row.connection)
        if (row.connection !== undefined && connectionId === null) {
          reject(
            row.line,
            `connection: no connection ${JSON.stringify(row.connection)} in this tenant`,
            records.get(row.line) ?? '',
          )
          continue
        }
        stated.push({ ...row.entry, connection_id: connectionId })
      }
      const latest = await latestVersions(tx, tenant, stated)
      const plan = planVersions(stated, latest.map(asStoredVersion))
      summary.unchanged += plan.unchanged
      if (options.dryRun) {
        summary.new_versions += plan.writes.length
        return
      }
      const written = await insertVersions(
        tx,
        versionRows(tenant, plan.writes, { provenance: 'import', createdBy: options.actor }),
      )
      // A concurrent writer took a version number first: that mapping is in the state it wrote.
      summary.new_versions += written.length
      summary.unchanged += plan.writes.length - written.length
    })
  }

  async function flush() {
    const byTenant = new Map<string, Pending[]>()
    for (const p of pending) byTenant.set(p.tenant, [...(byTenant.get(p.tenant) ?? []), p])
    for (const [tenant, rows] of byTenant) await writeTenantBatch(tenant, rows)
    pending = []
    records.clear()
  }

  const parser = createCsvParser()
  let headerChecked = false
  let bytes = 0
  const handle = (rows: ReturnType<typeof parser.push>) => {
    if (!headerChecked && parser.header) {
      const problem = headerProblem(parser.header)
      if (problem) throw new MappingFileError(`${options.file}: ${problem}`)
      rejects.setColumns(parser.header)
      headerChecked = true
    }
    for (const row of rows) {
      summary.rows++
      if (!row.ok) {
        reject(row.line, row.reason, row.raw)
        continue
      }
      const read = registryRowOf(row.record)
      if (!read.ok) {
        reject(row.line, read.reason, row.record)
        continue
      }
      const tenant = read.tenant ?? options.tenant
      if (tenant === undefined) {
        reject(row.line, 'tenant: is required (fill the tenant column or pass --tenant ID)', row.record)
        continue
      }
      if (!UUID.test(tenant)) {
        reject(row.line, `tenant: must be a tenant id (a UUID), got ${JSON.stringify(tenant)}`, row.record)
        continue
      }
      const { source_system, source_stream, source_path } = read.entry
      const key = JSON.stringify([tenant, source_system, read.connection ?? '', source_stream, source_path])
      const first = firstLineOfKey.get(key)
      if (first !== undefined) {
        reject(row.line, `same source field as line ${first}: a source field maps to one target`, row.record)
        continue
      }
      firstLineOfKey.set(key, row.line)
      records.set(row.line, row.record)
      pending.push({ line: row.line, tenant, connection: read.connection, entry: read.entry })
    }
  }

  try {
    for await (const chunk of createReadStream(options.file, { encoding: 'utf8', highWaterMark: 1 << 16 })) {
      bytes += Buffer.byteLength(chunk as string)
      handle(parser.push(chunk as string))
      if (pending.length >= batchSize) await flush()
      options.onProgress?.({ bytes, totalBytes, rows: summary.rows, rejected: summary.rejected })
    }
    handle(parser.end())
    if (!headerChecked) throw new MappingFileError(`${options.file}: the file is empty (it needs a header row)`)
    await flush()
    options.onProgress?.({ bytes, totalBytes, rows: summary.rows, rejected: summary.rejected })
  } finally {
    summary.rejects_file = await rejects.close()
    await close()
  }
  return summary
}
