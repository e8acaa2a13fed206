// Small builders shared by the schema-matching tests.
import type { SnapshotField } from '../../../workers/core/aam/schema-snapshot.ts'
import { type MatchSchemasInput, matchSchemas } from '../../../workers/core/dcl/mapping/match-schemas.ts'

export const f = (path: string, type: SnapshotField['type'] = 'string', samples?: unknown[]): SnapshotField =>
  samples ? { path, type, nullable: true, samples } : { path, type, nullable: true }

/** source path -> target path of the suggestions. */
export function pairs(input: MatchSchemasInput): Record<string, string> {
  return Object.fromEntries(matchSchemas(input).suggestions.map((s) => [s.source, s.target]))
}

// The canonical contact, account and opportunity targets of the shared dev tasks.
export const CONTACT = [
  f('contact_id'),
  f('account_id'),
  f('account_name'),
  f('first_name'),
  f('last_name'),
  f('full_name'),
  f('email'),
  f('phone'),
  f('mobile_phone'),
  f('job_title'),
  f('department'),
  f('mailing_address.street'),
  f('mailing_address.city'),
  f('mailing_address.state'),
  f('mailing_address.postal_code'),
  f('mailing_address.country'),
  f('birthdate', 'date'),
  f('lead_source'),
  f('lifecycle_stage'),
  f('owner_id'),
  f('email_opt_out', 'boolean'),
  f('created_at', 'timestamp'),
  f('updated_at', 'timestamp'),
]

export const ACCOUNT = [
  f('account_id'),
  f('name'),
  f('website'),
  f('email'),
  f('phone'),
  f('industry'),
  f('employee_count', 'integer'),
  f('annual_revenue', 'number'),
  f('owner_id'),
  f('parent_account_id'),
  f('billing_address.street'),
  f('billing_address.city'),
  f('billing_address.postal_code'),
  f('billing_address.country'),
  f('created_at', 'timestamp'),
  f('updated_at', 'timestamp'),
]

export const OPPORTUNITY = [
  f('opportunity_id'),
  f('name'),
  f('account_id'),
  f('amount', 'number'),
  f('currency'),
  f('stage'),
  f('probability', 'number'),
  f('close_date', 'date'),
  f('is_closed', 'boolean'),
  f('is_won', 'boolean'),
  f('owner_id'),
  f('created_at', 'timestamp'),
  f('updated_at', 'timestamp'),
]
