import { FileConfig } from '../core/aam/connectors/file/connector.ts'
import { createCsvParser } from '../core/aam/ingest/csv.ts'
import { createSchemaInferrer } from '../core/aam/ingest/infer-schema.ts'
import { createJsonlParser } from '../core/aam/ingest/jsonl.ts'
import type { CsvRow, JsonlRow } from '../core/aam/ingest/parsed-rows.ts'
import { createUtf8Decoder, unreadableEncoding } from '../core/aam/ingest/utf8.ts'
import type { Env } from '../env.ts'
import type { ConnectionRow, SourceFileRow } from './db/aam-repo.ts'
import { readSourceBytes } from './files.ts'

export type ScannedRow = CsvRow | JsonlRow

/** A file read to its end (its blank lines counted), or why it cannot be read at all. */
export type ScanResult = { ok: true; blankLines: number } | { ok: false; unreadable: string }

/**
 * Streams one stored file through its format's parser; rows arrive in file order, memory stays flat.
 * Bytes that are not UTF-8 reach the parser escaped (core/aam/ingest/utf8.ts), so their rows are
 * quarantined with their exact bytes instead of passing as clean text.
 */
export async function scanFile(
  env: Env,
  connection: ConnectionRow,
  file: SourceFileRow,
  onRow: (row: ScannedRow) => Promise<void> | void,
): Promise<ScanResult> {
  const body = await readSourceBytes(env, file.objectKey)
  if (!body) return { ok: false, unreadable: 'The uploaded file is missing from storage; upload it again.' }
  const config = FileConfig.parse(connection.config)
  const parser = file.format === 'jsonl' ? createJsonlParser() : createCsvParser({ delimiter: config.delimiter })
  const decoder = createUtf8Decoder()
  const reader = body.getReader()
  let first = true
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    if (first && value.length > 0) {
      first = false
      const unreadable = unreadableEncoding(value)
      if (unreadable) {
        await reader.cancel()
        return { ok: false, unreadable }
      }
    }
    for (const row of parser.push(decoder.push(value))) await onRow(row)
  }
  for (const row of parser.push(decoder.end())) await onRow(row)
  for (const row of parser.end()) await onRow(row)
  return { ok: true, blankLines: parser.blankLines }
}

/** The file's inferred schema and field profiles, without storing anything (sync's first pass, discover). */
export async function inferFileSchema(env: Env, connection: ConnectionRow, file: SourceFileRow) {
  const inferrer = createSchemaInferrer({ format: file.format === 'csv' ? 'text' : 'json' })
  let errors = 0
  const scanned = await scanFile(env, connection, file, (row) => {
    if (row.ok) inferrer.add(row.record)
    else errors++
  })
  if (!scanned.ok) return scanned
  return {
    ok: true as const,
    snapshot: inferrer.snapshot(),
    profile: inferrer.profile(),
    records: inferrer.records,
    errors,
  }
}
