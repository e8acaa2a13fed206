// Stored canonical records as a table: one column per field of the stream's current schema, typed from
// it, so a preview (DuckDB in the console) gets real numbers and booleans instead of JSON text.
import type { FieldType, SnapshotField } from '../schema-snapshot.ts'

export type ColumnKind = 'float' | 'bool' | 'text'
export type ExportColumn = {
  name: string
  kind: ColumnKind
  read: (data: Readonly<Record<string, unknown>>) => unknown
}

const KIND: Record<FieldType, ColumnKind> = {
  integer: 'float', // float64 holds every integer a CSV or JSON source gives us exactly up to 2^53
  number: 'float',
  boolean: 'bool',
  string: 'text',
  timestamp: 'text',
  date: 'text',
  object: 'text',
  array: 'text',
}

function at(value: unknown, path: readonly string[]): unknown {
  let current = value
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined
    current = (current as Record<string, unknown>)[key]
  }
  return current
}

/** A value as its column wants it; anything that does not fit is null rather than a wrong value. */
export function coerce(kind: ColumnKind, value: unknown): number | boolean | string | null {
  if (value === null || value === undefined || value === '') return null
  if (kind === 'float') {
    const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN
    return Number.isFinite(n) ? n : null
  }
  if (kind === 'bool') {
    if (typeof value === 'boolean') return value
    const text = String(value).toLowerCase()
    return text === 'true' ? true : text === 'false' ? false : null
  }
  return typeof value === 'object' ? JSON.stringify(value) : String(value)
}

/** `external_id` first, then the schema's fields under their source names. */
export function exportColumns(schema: readonly SnapshotField[]): ExportColumn[] {
  const columns: ExportColumn[] = [{ name: 'external_id', kind: 'text', read: (d) => d.external_id }]
  const taken = new Set(['external_id'])
  for (const field of schema) {
    const name = taken.has(field.path) ? `attributes.${field.path}` : field.path
    taken.add(name)
    const path = ['attributes', ...field.path.split('.')]
    const direct = ['attributes', field.path] // a flat source column whose name contains a dot
    columns.push({
      name,
      kind: KIND[field.type],
      read: (d) => at(d, direct) ?? at(d, path),
    })
  }
  return columns
}

/** The rows as typed column arrays, ready for a columnar encoder. */
export function toColumnArrays(columns: readonly ExportColumn[], rows: readonly Readonly<Record<string, unknown>>[]) {
  return columns.map((column) => rows.map((row) => coerce(column.kind, column.read(row))))
}

/**
 * Columns for records stored under older schemas: source fields the current schema no longer has (a
 * renamed or removed column) still come out, as text, so a preview never hides stored data.
 */
export function extraColumns(known: readonly ExportColumn[], rows: readonly Readonly<Record<string, unknown>>[]) {
  const taken = new Set(known.map((c) => c.name))
  const extra: ExportColumn[] = []
  for (const row of rows) {
    const attributes = row.attributes
    if (attributes === null || typeof attributes !== 'object') continue
    for (const key of Object.keys(attributes)) {
      if (taken.has(key)) continue
      taken.add(key)
      extra.push({ name: key, kind: 'text', read: (d) => at(d, ['attributes', key]) })
    }
  }
  return extra
}
