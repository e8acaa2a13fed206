// Salesforce objects as streams: `describe` fields as snapshot fields, SOQL read in (SystemModstamp, Id)
// order after a cursor, and the standard CRM objects mapped onto the canonical entities.
import type { FieldType, SnapshotField } from '../../schema-snapshot.ts'
import type { EntityMapping, SourceRow } from '../cursor-source.ts'

export const CURSOR_FIELD = 'SystemModstamp'

/** Salesforce field types (describe's `type`) on the platform's field types; the rest are text. */
const TYPES: Record<string, FieldType> = {
  boolean: 'boolean',
  int: 'integer',
  long: 'integer',
  double: 'number',
  currency: 'number',
  percent: 'number',
  date: 'date',
  datetime: 'timestamp',
  address: 'object',
  location: 'object',
}

export type DescribeField = { name: string; type: string; nillable: boolean }

/** A describe's fields as a snapshot, in describe order; `base64` bodies are left out (blobs, not data). */
export const describeToSnapshot = (fields: readonly DescribeField[]): SnapshotField[] =>
  fields
    .filter((f) => f.type !== 'base64')
    .map((f) => ({ path: f.name, type: TYPES[f.type] ?? 'string', nullable: f.nillable }))

export type SalesforceCursor = { stamp: string; id: string }

export function resumeCursor(stored: unknown): SalesforceCursor | null {
  const c = stored as Partial<SalesforceCursor> | null
  const valid = typeof c?.stamp === 'string' && !Number.isNaN(Date.parse(c.stamp)) && typeof c.id === 'string'
  return valid ? { stamp: c.stamp as string, id: c.id as string } : null
}

const OBJECT_NAME = /^[A-Za-z][A-Za-z0-9_]{0,79}$/
export const isObjectName = (name: string) => OBJECT_NAME.test(name)

/** A SOQL datetime literal (unquoted ISO 8601, UTC). */
const soqlDateTime = (iso: string) => new Date(iso).toISOString()
/** A SOQL string literal; Ids never hold quotes, but a cursor is stored data and is escaped anyway. */
const soqlString = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`

/** The query for an object's records after `after`, oldest change first, the Id breaking ties. */
export function soqlAfter(object: string, fields: readonly string[], after: SalesforceCursor | null): string {
  const bad = [object, ...fields].find((name) => !isObjectName(name))
  if (bad !== undefined) throw new Error(`not a Salesforce name: ${bad}`)
  const where = after
    ? ` WHERE ${CURSOR_FIELD} > ${soqlDateTime(after.stamp)} OR (${CURSOR_FIELD} = ${soqlDateTime(after.stamp)} AND Id > ${soqlString(after.id)})`
    : ''
  return `SELECT ${fields.join(', ')} FROM ${object}${where} ORDER BY ${CURSOR_FIELD}, Id`
}

/**
 * A record as stored: without the `attributes` envelope, datetimes as ISO UTC (Salesforce writes
 * `+0000`), so the same instant always reads the same.
 */
export function normalizeRecord(
  record: Readonly<Record<string, unknown>>,
  schema: readonly SnapshotField[],
): SourceRow {
  const row: SourceRow = {}
  const timestamps = new Set(schema.filter((f) => f.type === 'timestamp').map((f) => f.path))
  for (const [name, value] of Object.entries(record)) {
    if (name === 'attributes') continue
    if (timestamps.has(name) && typeof value === 'string') {
      const t = Date.parse(value.replace(/([+-]\d\d)(\d\d)$/, '$1:$2'))
      row[name] = Number.isNaN(t) ? value : new Date(t).toISOString()
    } else row[name] = value
  }
  return row
}

export const cursorOf = (row: SourceRow): SalesforceCursor => ({ stamp: String(row[CURSOR_FIELD]), id: String(row.Id) })

/** The standard objects' fields on the canonical entities; other objects are generic records. */
export const SALESFORCE_ENTITIES: Readonly<Record<string, EntityMapping>> = {
  Account: {
    entity: 'account',
    mapping: {
      external_id: 'Id',
      name: 'Name',
      domain: 'Website',
      industry: 'Industry',
      annual_revenue: 'AnnualRevenue',
      employee_count: 'NumberOfEmployees',
      phone: 'Phone',
      billing_country: 'BillingCountry',
      owner_external_id: 'OwnerId',
      created_at: 'CreatedDate',
      updated_at: 'LastModifiedDate',
    },
  },
  Contact: {
    entity: 'contact',
    mapping: {
      external_id: 'Id',
      email: 'Email',
      first_name: 'FirstName',
      last_name: 'LastName',
      title: 'Title',
      phone: 'Phone',
      account_external_id: 'AccountId',
      owner_external_id: 'OwnerId',
      email_opt_out: 'HasOptedOutOfEmail',
      created_at: 'CreatedDate',
      updated_at: 'LastModifiedDate',
    },
  },
  Opportunity: {
    entity: 'opportunity',
    mapping: {
      external_id: 'Id',
      name: 'Name',
      stage: 'StageName',
      amount: 'Amount',
      currency: 'CurrencyIsoCode',
      probability: 'Probability',
      close_date: 'CloseDate',
      is_closed: 'IsClosed',
      is_won: 'IsWon',
      account_external_id: 'AccountId',
      owner_external_id: 'OwnerId',
      created_at: 'CreatedDate',
      updated_at: 'LastModifiedDate',
    },
  },
}

/** The mapping restricted to fields the object has now: a field the org lacks maps to nothing, not to an error. */
export function entityFor(object: string, schema: readonly SnapshotField[]): EntityMapping | undefined {
  const known = SALESFORCE_ENTITIES[object]
  if (!known) return undefined
  const present = new Set(schema.map((f) => f.path))
  return {
    entity: known.entity,
    mapping: Object.fromEntries(Object.entries(known.mapping).filter(([, source]) => present.has(source))),
  }
}
