// Canonical opportunity (a deal), version 1. See account.v1.ts for the versioning rule.
import { z } from 'zod'
import { optional, required } from './fields.ts'

export const OpportunityV1Schema = z.strictObject({
  external_id: required('id'),
  name: required('text'),
  stage: required('text'), // the source's stage label; stage mapping is a DCL concern
  amount: optional('number'),
  currency: optional('currency'),
  probability: optional('percent'),
  close_date: optional('date'),
  is_closed: optional('boolean'),
  is_won: optional('boolean'),
  account_external_id: optional('id'),
  owner_external_id: optional('id'),
  created_at: optional('timestamp'),
  updated_at: optional('timestamp'),
})
export type OpportunityV1 = z.infer<typeof OpportunityV1Schema>
