// The canonical entities and their current versions: the one place that names them, so the event
// type (`aos.canonical.<entity>.v1`) and data schema URI (`aos://canonical/<entity>/v1`) cannot
// drift apart from the zod schema that validates the data.
import { z } from 'zod'
import { CANONICAL_ENTITIES } from '../../../contract/vocabulary/entities.ts'
import { AccountV1Schema } from './account.v1.ts'
import { ContactV1Schema } from './contact.v1.ts'
import { OpportunityV1Schema } from './opportunity.v1.ts'
import { RecordV1Schema } from './record.v1.ts'

export const CANONICAL_SCHEMAS = {
  account: AccountV1Schema,
  contact: ContactV1Schema,
  opportunity: OpportunityV1Schema,
  record: RecordV1Schema,
} as const

export const CanonicalEntitySchema = z.enum(CANONICAL_ENTITIES)
export type CanonicalEntity = z.infer<typeof CanonicalEntitySchema>

export type CanonicalData<E extends CanonicalEntity> = z.infer<(typeof CANONICAL_SCHEMAS)[E]>

export const eventTypeOf = <E extends CanonicalEntity>(entity: E) => `aos.canonical.${entity}.v1` as const
export const dataSchemaOf = <E extends CanonicalEntity>(entity: E) => `aos://canonical/${entity}/v1` as const

export function isCanonicalEntity(value: string): value is CanonicalEntity {
  return (CANONICAL_ENTITIES as readonly string[]).includes(value)
}
