// Canonical account (a company or organisation), version 1. Fields are snake_case; a new field or
// a changed meaning is a new version (v2 beside this file), never an edit, so events already
// emitted keep validating against the schema their `dataschema` names.
import { z } from 'zod'
import { optional, required } from './fields.ts'

export const AccountV1Schema = z.strictObject({
  external_id: required('id'), // the source system's primary key
  name: required('text'),
  domain: optional('domain'),
  industry: optional('text'),
  annual_revenue: optional('number'),
  employee_count: optional('count'),
  phone: optional('text'),
  billing_country: optional('text'),
  owner_external_id: optional('id'),
  created_at: optional('timestamp'),
  updated_at: optional('timestamp'),
})
export type AccountV1 = z.infer<typeof AccountV1Schema>
