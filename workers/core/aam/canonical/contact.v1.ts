// Canonical contact (a person), version 1. See account.v1.ts for the versioning rule.
import { z } from 'zod'
import { optional, required } from './fields.ts'

export const ContactV1Schema = z.strictObject({
  external_id: required('id'),
  email: optional('email'),
  first_name: optional('text'),
  last_name: optional('text'),
  title: optional('text'),
  phone: optional('text'),
  account_external_id: optional('id'), // the account's external_id in the same source
  owner_external_id: optional('id'),
  email_opt_out: optional('boolean'),
  created_at: optional('timestamp'),
  updated_at: optional('timestamp'),
})
export type ContactV1 = z.infer<typeof ContactV1Schema>
