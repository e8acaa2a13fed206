// One mapping of the registry as a person or a file states it: which source field fills which
// canonical field, how it is re-shaped, and how sure we are. The same schema validates API bodies
// and rows of `npm run ingest:mappings`, so both reject the same things with the same words.
import { z } from 'zod'
import {
  MAPPING_PROVENANCES,
  MAPPING_STATUSES,
  MAPPING_TRANSFORMS,
} from '../../../contract/vocabulary/mapping-registry.ts'
import { entityFields } from '../../aam/canonical/mapping.ts'
import { isCanonicalEntity } from '../../aam/canonical/registry.ts'

export const MappingTransformSchema = z.enum(MAPPING_TRANSFORMS)
export const MappingStatusSchema = z.enum(MAPPING_STATUSES)
export const MappingProvenanceSchema = z.enum(MAPPING_PROVENANCES)
export type MappingStatus = z.infer<typeof MappingStatusSchema>
export type MappingProvenance = z.infer<typeof MappingProvenanceSchema>

const ENTITY_NAME = /^[a-z][a-z0-9_]{0,62}$/
const FIELD_PATH = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/

/** The fields of a mapping entry, before the check against the canonical entity (for extending). */
export const MappingEntryFields = z.object({
  /** The kind of system the field lives in (`salesforce`, `postgres`, a name of the tenant's own). */
  source_system: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/, 'must be a short system name: letters, digits, _ . -'),
  /** The stream (object, table, collection, file stream) the field belongs to. */
  source_stream: z.string().trim().min(1, 'is required').max(200),
  /** The field's path in a source record, dotted for nested fields. */
  source_path: z.string().trim().min(1, 'is required').max(500),
  entity: z.string().trim().regex(ENTITY_NAME, 'must be a snake_case entity name such as account'),
  field: z.string().trim().regex(FIELD_PATH, 'must be a snake_case field path such as billing_address.city'),
  transform: MappingTransformSchema.default('none'),
  confidence: z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1').default(1),
  status: MappingStatusSchema.default('accepted'),
  note: z.string().trim().max(1000).optional(),
})

/** A built-in canonical entity's field must exist; a tenant's own entity takes any snake_case path. */
export function checkCanonicalField(entry: { entity: string; field: string }, ctx: z.RefinementCtx) {
  if (!isCanonicalEntity(entry.entity)) return // a tenant's own entity: any snake_case path
  const { known, open } = entityFields(entry.entity)
  const dot = entry.field.indexOf('.')
  const top = dot === -1 ? entry.field : entry.field.slice(0, dot)
  if (!known.has(top)) {
    ctx.addIssue({
      code: 'custom',
      path: ['field'],
      message: `is not a field of ${entry.entity} v1 (fields: ${[...known].join(', ')})`,
    })
  } else if ((dot !== -1) !== open.has(top)) {
    ctx.addIssue({
      code: 'custom',
      path: ['field'],
      message: open.has(top) ? `map entries of ${top} as ${top}.<name>` : `${top} has no nested fields`,
    })
  }
}

export const MappingEntrySchema = MappingEntryFields.superRefine(checkCanonicalField)
export type MappingEntry = z.infer<typeof MappingEntrySchema>

/** What identifies a mapping across its versions: one target per source field of a stream. */
export interface MappingKey {
  source_system: string
  connection_id: string | null
  source_stream: string
  source_path: string
}

export const mappingKeyText = (key: MappingKey) =>
  JSON.stringify([key.source_system, key.connection_id, key.source_stream, key.source_path])

/** The parts of a version that make it different from the one before (who and why do not). */
export type MappingContent = Pick<MappingEntry, 'entity' | 'field' | 'transform' | 'confidence' | 'status'> & {
  note?: string | undefined
}

export function sameContent(a: MappingContent, b: MappingContent): boolean {
  return (
    a.entity === b.entity &&
    a.field === b.field &&
    a.transform === b.transform &&
    a.confidence === b.confidence &&
    a.status === b.status &&
    (a.note ?? '') === (b.note ?? '')
  )
}
