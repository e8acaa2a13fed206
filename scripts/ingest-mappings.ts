/**
 * `npm run ingest:mappings -- FILE.csv [--tenant ID] [--dry-run] [--rejects FILE]`
 * Loads mappings into the registry of DATABASE_URL (format: docs/mapping-registry.md). Progress and a
 * summary on stderr, the summary as JSON on stdout; rows that cannot load go to the rejects file with
 * their reason. Exit codes: 0 loaded (rejects included), 2 usage or unreadable file, 1 unexpected failure.
 */
import { existsSync, statSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { type ImportProgress, importMappings, MappingFileError } from './lib/import-mappings.ts'

const usage = `usage: npm run ingest:mappings -- FILE.csv [--tenant ID] [--dry-run] [--rejects FILE]

  --tenant ID      the tenant of rows whose tenant column is empty (a tenant id, from Settings or create-admin)
  --dry-run        read, validate and compare, write nothing; the summary says what would change
  --rejects FILE   where rows that cannot load are written with their reason (default: FILE.rejects.csv)

DATABASE_URL must point at the database (npm start prints it at start-up).`

function fail(message: string): never {
  console.error(`ingest:mappings: ${message}`)
  process.exit(2)
}

let parsed: ReturnType<typeof parse>
function parse() {
  return parseArgs({
    allowPositionals: true,
    options: {
      tenant: { type: 'string' },
      'dry-run': { type: 'boolean' },
      rejects: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  })
}
try {
  parsed = parse()
} catch (e) {
  fail(`${(e as Error).message}\n\n${usage}`)
}
const { values, positionals } = parsed
if (values.help) {
  console.log(usage)
  process.exit(0)
}
const [file, ...extra] = positionals
if (!file || extra.length > 0) fail(`expected exactly one CSV file\n\n${usage}`)
if (!existsSync(file) || !statSync(file).isFile()) fail(`${file}: no such file`)
const databaseUrl = process.env.DATABASE_URL
if (!databaseUrl)
  fail('DATABASE_URL is not set. Point it at the database (for `npm start`, it is printed at start-up).')

const rejectsFile = values.rejects ?? `${file.replace(/\.csv$/i, '')}.rejects.csv`
const interactive = process.stderr.isTTY === true
let lastLine = 0
function showProgress(p: ImportProgress) {
  const share = p.totalBytes === 0 ? 1 : p.bytes / p.totalBytes
  const text = `${Math.round(share * 100)}% · ${p.rows} rows · ${p.rejected} rejected`
  if (interactive) {
    const width = 30
    const done = Math.round(share * width)
    process.stderr.write(`\r[${'#'.repeat(done)}${'.'.repeat(width - done)}] ${text}`)
  } else if (Date.now() - lastLine > 2000 || share === 1) {
    lastLine = Date.now()
    process.stderr.write(`ingest:mappings: ${text}\n`)
  }
}

try {
  const started = Date.now()
  const summary = await importMappings(databaseUrl, {
    file,
    tenant: values.tenant,
    dryRun: values['dry-run'] === true,
    rejectsFile,
    actor: 'cli:ingest-mappings',
    onProgress: showProgress,
  })
  if (interactive) process.stderr.write('\n')
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  const verb = summary.dry_run ? 'would write' : 'wrote'
  console.error(
    `ingest:mappings: ${summary.rows} rows: ${verb} ${summary.new_versions} new versions, ` +
      `${summary.unchanged} unchanged, ${summary.rejected} rejected${summary.rejects_file ? ` (see ${summary.rejects_file})` : ''}; ${seconds} s`,
  )
  console.log(JSON.stringify(summary, null, 2))
} catch (error) {
  if (interactive) process.stderr.write('\n')
  if (error instanceof MappingFileError) fail(error.message)
  console.error(`ingest:mappings failed: ${error instanceof Error ? error.message : error}`)
  process.exit(1)
}
