// A mapping names, for each canonical field, the source field path it is read from. It is checked
// against the entity's schema on its own, so a bad mapping (typically one suggested by an LLM or
// edited by hand) is reported once as a mapping problem, not as a data problem on every record.
import { z } from 'zod'
import { CANONICAL_SCHEMAS, type CanonicalEntity } from './registry.ts'

export const CanonicalMappingSchema = z.record(z.string(), z.string())
export type CanonicalMapping = z.infer<typeof CanonicalMappingSchema>

export const CanonicalIssueSchema = z.object({
  path: z.string(), // the canonical field, dotted
  message: z.string(),
  source: z.string().optional(), // the mapped source field path, when there is one
})
export type CanonicalIssue = z.infer<typeof CanonicalIssueSchema>

interface EntityFields {
  required: readonly string[]
  known: ReadonlySet<string>
  open: ReadonlySet<string> // object fields whose keys are free (`attributes.<name>`)
}

const cache = new Map<CanonicalEntity, EntityFields>()

/** Field facts derived from the zod schema itself, so the schema stays the only definition. */
export function entityFields(entity: CanonicalEntity): EntityFields {
  const hit = cache.get(entity)
  if (hit) return hit
  const shape: Record<string, z.ZodType> = CANONICAL_SCHEMAS[entity].shape
  const required: string[] = []
  const open = new Set<string>()
  for (const [name, schema] of Object.entries(shape)) {
    if (!schema.safeParse(undefined).success) required.push(name)
    const inner = schema instanceof z.ZodDefault ? schema.unwrap() : schema
    if (inner instanceof z.ZodRecord) open.add(name)
  }
  const fields = { required, known: new Set(Object.keys(shape)), open }
  cache.set(entity, fields)
  return fields
}

export function validateMapping(entity: CanonicalEntity, mapping: Readonly<Record<string, string>>): CanonicalIssue[] {
  const { required, known, open } = entityFields(entity)
  const issues: CanonicalIssue[] = []
  for (const [target, source] of Object.entries(mapping)) {
    const dot = target.indexOf('.')
    const top = dot === -1 ? target : target.slice(0, dot)
    if (!known.has(top)) issues.push({ path: target, message: `is not a field of ${entity} v1`, source })
    else if (dot !== -1 && (!open.has(top) || dot === target.length - 1)) {
      issues.push({ path: target, message: `${top} has no nested fields to map`, source })
    } else if (dot === -1 && open.has(top)) {
      issues.push({ path: target, message: `map its entries as ${top}.<name>`, source })
    } else if (source.trim() === '') issues.push({ path: target, message: 'has an empty source path', source })
  }
  for (const name of required) {
    if (!Object.hasOwn(mapping, name)) issues.push({ path: name, message: 'is required but not mapped' })
  }
  return issues
}
