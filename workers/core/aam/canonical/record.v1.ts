// Canonical generic record, version 1: for source objects with no dedicated entity yet. Mapped
// `attributes.<name>` fields are carried as the source's JSON values, uncoerced.
import { z } from 'zod'
import { optional, required } from './fields.ts'

export const RecordV1Schema = z.strictObject({
  external_id: required('id'),
  name: optional('text'),
  attributes: z.record(z.string().min(1), z.json()).default({}),
  created_at: optional('timestamp'),
  updated_at: optional('timestamp'),
})
export type RecordV1 = z.infer<typeof RecordV1Schema>
