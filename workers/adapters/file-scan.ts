import { FileConfig } from '../core/aam/connectors/file/connector.ts'
import { createCsvParser } from '../core/aam/ingest/csv.ts'
import { createSchemaInferrer } from '../core/aam/ingest/infer-schema.ts'
import { createJsonlParser } from '../core/aam/ingest/jsonl.ts'
import type { CsvRow, JsonlRow } from '../core/aam/ingest/parsed-rows.ts'
import { PublicError } from '../core/http/public-error.ts'
import type { Env } from '../env.ts'
import type { ConnectionRow, SourceFileRow } from './db/aam-repo.ts'
import { readSourceText } from './files.ts'

export type ScannedRow = CsvRow | JsonlRow

/** Streams one stored file through its format's parser; rows arrive in file order, memory stays flat. */
export async function scanFile(
  env: Env,
  connection: ConnectionRow,
  file: SourceFileRow,
  onRow: (row: ScannedRow) => Promise<void> | void,
) {
  const text = await readSourceText(env, file.objectKey)
  if (!text) throw new PublicError(`Uploaded file ${file.id} is missing from storage; upload it again.`)
  const config = FileConfig.parse(connection.config)
  const parser = file.format === 'jsonl' ? createJsonlParser() : createCsvParser({ delimiter: config.delimiter })
  const reader = text.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    for (const row of parser.push(value)) await onRow(row)
  }
  for (const row of parser.end()) await onRow(row)
}

/** The file's inferred schema and field profiles, without storing anything (sync's first pass, discover). */
export async function inferFileSchema(env: Env, connection: ConnectionRow, file: SourceFileRow) {
  const inferrer = createSchemaInferrer({ format: file.format === 'csv' ? 'text' : 'json' })
  let errors = 0
  await scanFile(env, connection, file, (row) => {
    if (row.ok) inferrer.add(row.record)
    else errors++
  })
  return { snapshot: inferrer.snapshot(), profile: inferrer.profile(), records: inferrer.records, errors }
}
