// Postgres columns as snapshot fields, so a database table is fingerprinted and diffed exactly like a
// file: information_schema's data_type mapped onto the platform's field types.
import type { FieldType, SnapshotField } from '../../schema-snapshot.ts'

const TYPES: Record<string, FieldType> = {
  smallint: 'integer',
  integer: 'integer',
  bigint: 'integer',
  numeric: 'number',
  real: 'number',
  'double precision': 'number',
  boolean: 'boolean',
  date: 'date',
  'timestamp without time zone': 'timestamp',
  'timestamp with time zone': 'timestamp',
  json: 'object',
  jsonb: 'object',
  ARRAY: 'array',
}

export type ColumnInfo = { table_name: string; column_name: string; data_type: string; is_nullable: string }

const fieldType = (dataType: string): FieldType => TYPES[dataType] ?? 'string'

/** information_schema.columns rows (in ordinal order) grouped into one snapshot per table. */
export function tableSnapshots(columns: readonly ColumnInfo[]): Map<string, SnapshotField[]> {
  const tables = new Map<string, SnapshotField[]>()
  for (const c of columns) {
    const fields = tables.get(c.table_name) ?? []
    fields.push({ path: c.column_name, type: fieldType(c.data_type), nullable: c.is_nullable === 'YES' })
    tables.set(c.table_name, fields)
  }
  return tables
}

/** A quoted SQL identifier; names come from information_schema, quoting keeps odd ones safe. */
export const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`
