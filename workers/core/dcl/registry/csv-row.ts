// A row of a mapping-registry CSV (docs/mapping-registry.md) as a mapping entry, or the reason it is
// not one. Blank cells mean "not given", so defaults apply exactly as they do for an API body.
import { type MappingEntry, MappingEntrySchema } from './mapping-entry.ts'

export const REQUIRED_COLUMNS = ['source_system', 'source_stream', 'source_path', 'entity', 'field'] as const
export const OPTIONAL_COLUMNS = ['tenant', 'connection', 'transform', 'confidence', 'status', 'note'] as const
/** The columns a rejects file adds; ignored on reading, so a fixed rejects file loads as it is. */
export const REJECT_COLUMNS = ['line', 'reason'] as const

export type RegistryRow =
  | { ok: true; entry: MappingEntry; tenant: string | undefined; connection: string | undefined }
  | { ok: false; reason: string }

/** The header's problem in words, or null: a file without the required columns is not worth reading. */
export function headerProblem(header: readonly string[]): string | null {
  const missing = REQUIRED_COLUMNS.filter((c) => !header.includes(c))
  if (missing.length > 0) return `missing column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}`
  const known = new Set<string>([...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS, ...REJECT_COLUMNS])
  const unknown = header.filter((c) => !known.has(c))
  return unknown.length > 0
    ? `unknown column${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')} (allowed: ${[...known].join(', ')})`
    : null
}

const cell = (record: Readonly<Record<string, string>>, name: string) => {
  const value = record[name]?.trim()
  return value === undefined || value === '' ? undefined : value
}

export function registryRowOf(record: Readonly<Record<string, string>>): RegistryRow {
  const confidenceText = cell(record, 'confidence')
  const confidence = confidenceText === undefined ? undefined : Number(confidenceText)
  if (confidence !== undefined && Number.isNaN(confidence)) {
    return {
      ok: false,
      reason: `confidence: expected a number between 0 and 1 (got ${JSON.stringify(confidenceText)})`,
    }
  }
  const parsed = MappingEntrySchema.safeParse({
    source_system: cell(record, 'source_system'),
    source_stream: cell(record, 'source_stream'),
    source_path: cell(record, 'source_path'),
    entity: cell(record, 'entity'),
    field: cell(record, 'field'),
    transform: cell(record, 'transform'),
    confidence,
    status: cell(record, 'status'),
    note: cell(record, 'note'),
  })
  if (!parsed.success) {
    return {
      ok: false,
      reason: parsed.error.issues
        .map((issue) => {
          const missing = issue.code === 'invalid_type' && issue.input === undefined
          return `${issue.path.join('.') || 'row'}: ${missing ? 'is required' : issue.message}`
        })
        .join('; '),
    }
  }
  return { ok: true, entry: parsed.data, tenant: cell(record, 'tenant'), connection: cell(record, 'connection') }
}
