// Maps one source record to a canonical event: read each mapped source field, coerce and validate
// it with the entity's zod schema, wrap the result in the CloudEvents envelope. Every expected
// failure is returned with a stable reason code and field-level issues, so the caller can
// quarantine the record with its reason; nothing throws.
import { z } from 'zod'
import type { CanonicalEventOf } from './event.ts'
import { isBlank } from './fields.ts'
import { type CanonicalIssue, entityFields, validateMapping } from './mapping.ts'
import { CANONICAL_SCHEMAS, type CanonicalEntity, dataSchemaOf, eventTypeOf, isCanonicalEntity } from './registry.ts'
import { readSourcePath } from './source-path.ts'
import { applyTransform, type MappingTransform } from './transforms.ts'

export const CANONICAL_FAILURE_REASONS = [
  'invalid_input', // tenant id, source, event id or time unusable: a caller bug
  'unknown_entity',
  'invalid_mapping', // the mapping does not fit the entity: fix the mapping, not the data
  'missing_required', // the record lacks a value the entity cannot exist without
  'invalid_value', // a value could not be coerced to its canonical type
] as const
export const CanonicalFailureReasonSchema = z.enum(CANONICAL_FAILURE_REASONS)
export type CanonicalFailureReason = z.infer<typeof CanonicalFailureReasonSchema>

export type CanonicalFailure = { ok: false; reason: CanonicalFailureReason; issues: CanonicalIssue[] }
export type ToCanonicalResult<E extends CanonicalEntity> = { ok: true; event: CanonicalEventOf<E> } | CanonicalFailure

const EnvelopeInputSchema = z.object({
  tenantId: z.uuid(),
  source: z.string().min(1),
  id: z.string().min(1), // from deriveEventId, or the caller's own stable id
  time: z.iso.datetime({ offset: true }).optional(),
})

export interface ToCanonicalInput<E extends CanonicalEntity> {
  tenantId: string
  source: string
  entity: E
  record: Readonly<Record<string, unknown>>
  mapping: Readonly<Record<string, string>> // canonical field -> source field path
  transforms?: Readonly<Record<string, MappingTransform>>
  id: string
  /** Event time; defaults to the record's updated_at, then to now (pass it for reproducible events). */
  time?: string
}

/** A mapped field, split once per stream rather than per record: where its value goes, how it is re-shaped. */
type MappedField = {
  target: string
  sourcePath: string
  /** The top-level canonical field, and the key under it for a nested target (`attributes.name`). */
  top: string
  nested: string | null
  transform: MappingTransform | undefined
}

function mappedFields(
  mapping: Readonly<Record<string, string>>,
  transforms: Readonly<Record<string, MappingTransform>> | undefined,
): MappedField[] {
  return Object.entries(mapping).map(([target, sourcePath]) => {
    const dot = target.indexOf('.')
    return {
      target,
      sourcePath,
      top: dot === -1 ? target : target.slice(0, dot),
      nested: dot === -1 ? null : target.slice(dot + 1),
      transform: transforms?.[target],
    }
  })
}

/**
 * The canonical data before validation: each mapped field, blank or absent source values as null, each
 * re-shaped by its transform; what a transform cannot convert is reported per field.
 */
function gather(record: Readonly<Record<string, unknown>>, fields: readonly MappedField[], issues: CanonicalIssue[]) {
  const data: Record<string, unknown> = {}
  for (const { target, sourcePath, top, nested, transform } of fields) {
    let value: unknown = readSourcePath(record, sourcePath) ?? null
    if (transform) {
      const result = applyTransform(transform, value)
      if (result.ok) value = result.value
      else issues.push({ path: target, message: `${transform}: ${result.message}`, source: sourcePath })
    }
    if (nested === null) {
      data[top] = value
    } else {
      const under = (data[top] ?? {}) as Record<string, unknown>
      under[nested] = value
      data[top] = under
    }
  }
  return data
}

export type CanonicalConverter<E extends CanonicalEntity> = (
  record: Readonly<Record<string, unknown>>,
  id: string,
  time?: string,
) => ToCanonicalResult<E>

/**
 * Checks what is the same for every record of a stream once (tenant, source, entity, mapping) and
 * returns the per-record conversion: a sync converts millions of records with the same mapping.
 */
export function canonicalConverter<E extends CanonicalEntity>(input: {
  tenantId: string
  source: string
  entity: E
  mapping: Readonly<Record<string, string>>
  /** By canonical field: how its source value is re-shaped first (the mapping registry's transforms). */
  transforms?: Readonly<Record<string, MappingTransform>>
}): CanonicalConverter<E> {
  const envelope = EnvelopeInputSchema.safeParse({ ...input, id: 'x' })
  if (!envelope.success) {
    const issues = envelope.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))
    return () => ({ ok: false, reason: 'invalid_input', issues })
  }
  const { entity, mapping } = input
  if (!isCanonicalEntity(entity)) {
    const issues = [{ path: 'entity', message: `unknown entity ${String(entity)}` }]
    return () => ({ ok: false, reason: 'unknown_entity', issues })
  }
  const mappingIssues = validateMapping(entity, mapping)
  if (mappingIssues.length > 0) return () => ({ ok: false, reason: 'invalid_mapping', issues: mappingIssues })
  const { required } = entityFields(entity)
  const schema = CANONICAL_SCHEMAS[entity]
  const { tenantId, source } = envelope.data
  const fields = mappedFields(mapping, input.transforms)
  let lastTime: string | undefined
  let lastIso = ''

  return (record, id, time) => {
    if (id.length === 0) return { ok: false, reason: 'invalid_input', issues: [{ path: 'id', message: 'is empty' }] }
    if (time !== undefined && time !== lastTime) {
      const checked = EnvelopeInputSchema.shape.time.safeParse(time)
      if (!checked.success)
        return {
          ok: false,
          reason: 'invalid_input',
          issues: [{ path: 'time', message: checked.error.issues[0]?.message ?? 'invalid' }],
        }
      // The envelope carries UTC, whatever offset the caller used.
      lastTime = time
      lastIso = new Date(time).toISOString()
    }
    const unconverted: CanonicalIssue[] = []
    const raw = gather(record, fields, unconverted)
    const missing = required.filter((name) => isBlank(raw[name]))
    const issues: CanonicalIssue[] = missing.map((name) => ({
      path: name,
      message: 'is required but the source has no value',
      source: mapping[name],
    }))
    issues.push(...unconverted)
    const parsed = schema.safeParse(raw)
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const path = issue.path.map(String).join('.')
        const top = String(issue.path[0] ?? '')
        // A missing value or one its transform could not convert is already reported, more plainly.
        if (missing.includes(top) || unconverted.some((u) => u.path === path)) continue
        issues.push({ path, message: issue.message, source: mapping[path] ?? mapping[top] })
      }
    }
    if (issues.length > 0 || !parsed.success) {
      return { ok: false, reason: missing.length > 0 ? 'missing_required' : 'invalid_value', issues }
    }
    const data = parsed.data
    const updated = typeof data.updated_at === 'string' ? data.updated_at : undefined
    const event = {
      specversion: '1.0',
      id,
      source,
      type: eventTypeOf(entity),
      subject: data.external_id,
      time:
        time !== undefined
          ? lastIso
          : updated !== undefined
            ? new Date(updated).toISOString()
            : new Date().toISOString(),
      tenantid: tenantId.toLowerCase(),
      datacontenttype: 'application/json',
      dataschema: dataSchemaOf(entity),
      data,
    }
    // TypeScript cannot narrow the entity's data type through the generic; the tests check that
    // every event produced here parses with CanonicalEventSchema.
    return { ok: true, event: event as unknown as CanonicalEventOf<E> }
  }
}

/** One record: every envelope problem is reported together, then the record is converted. */
export function toCanonicalEvent<E extends CanonicalEntity>(input: ToCanonicalInput<E>): ToCanonicalResult<E> {
  const envelope = EnvelopeInputSchema.safeParse(input)
  if (!envelope.success) {
    const issues = envelope.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))
    return { ok: false, reason: 'invalid_input', issues }
  }
  return canonicalConverter(input)(input.record, input.id, input.time)
}
