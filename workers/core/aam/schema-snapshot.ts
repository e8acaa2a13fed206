// Adaptive API Mesh: schema snapshots and the drift result.
// These zod schemas are the single source of truth for both validation and the TypeScript types.
import { z } from 'zod'

export const FIELD_TYPES = ['string', 'integer', 'number', 'boolean', 'timestamp', 'date', 'object', 'array'] as const

const describe = (v: unknown): string => {
  if (v === undefined) return 'nothing'
  if (v === null) return 'null'
  if (Array.isArray(v)) return 'an array'
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)
  if (typeof v === 'object') return 'an object'
  return `${typeof v} ${String(v)}`
}

export const FieldTypeSchema = z.enum(FIELD_TYPES, {
  error: (iss) =>
    iss.input === undefined
      ? `is required (one of ${FIELD_TYPES.join(', ')})`
      : `must be one of ${FIELD_TYPES.join(', ')} (got ${describe(iss.input)})`,
})
export type FieldType = z.infer<typeof FieldTypeSchema>

export const SnapshotFieldSchema = z.object(
  {
    path: z
      .string({
        error: (iss) => (iss.input === undefined ? 'is required' : `must be a string (got ${describe(iss.input)})`),
      })
      .refine((p) => p.trim().length > 0, { error: 'must not be empty' }),
    type: FieldTypeSchema,
    nullable: z.boolean({
      error: (iss) => (iss.input === undefined ? 'is required' : `must be true or false (got ${describe(iss.input)})`),
    }),
    // Sample values are arbitrary JSON; they inform rename matching but never count as changes.
    samples: z
      .array(z.unknown(), { error: (iss) => `must be an array of values (got ${describe(iss.input)})` })
      .optional(),
  },
  { error: (iss) => `must be an object {path, type, nullable, samples?} (got ${describe(iss.input)})` },
)
export type SnapshotField = z.infer<typeof SnapshotFieldSchema>

// A snapshot is an array of fields with unique paths (a duplicate would make the diff ambiguous).
export const SnapshotSchema = z
  .array(SnapshotFieldSchema, {
    error: (iss) => `must be a JSON array of fields {path, type, nullable, samples?} (got ${describe(iss.input)})`,
  })
  .superRefine((fields, ctx) => {
    const seen = new Map<string, number>()
    fields.forEach((f, i) => {
      const first = seen.get(f.path)
      if (first !== undefined) {
        ctx.addIssue({ code: 'custom', path: [i, 'path'], message: `duplicates the path of entry ${first}` })
      } else {
        seen.set(f.path, i)
      }
    })
  })
export type Snapshot = z.infer<typeof SnapshotSchema>

export const SeveritySchema = z.enum(['breaking', 'non_breaking'])
export type Severity = z.infer<typeof SeveritySchema>

export const NullabilitySchema = z.enum(['nullable', 'not_null'])
export type Nullability = z.infer<typeof NullabilitySchema>

export const CHANGE_KINDS = ['added', 'removed', 'renamed', 'type_changed', 'nullability_changed'] as const
export const ChangeKindSchema = z.enum(CHANGE_KINDS)
export type ChangeKind = z.infer<typeof ChangeKindSchema>

export const AddedChangeSchema = z.object({
  kind: z.literal('added'),
  path: z.string(),
  severity: z.literal('non_breaking'),
})
export const RemovedChangeSchema = z.object({
  kind: z.literal('removed'),
  path: z.string(),
  severity: z.literal('breaking'),
})
export const RenamedChangeSchema = z.object({
  kind: z.literal('renamed'),
  path: z.string(), // the new path
  from: z.string(),
  to: z.string(),
  severity: z.literal('breaking'),
  confidence: z.number().min(0).max(1),
})
export const TypeChangedChangeSchema = z.object({
  kind: z.literal('type_changed'),
  path: z.string(),
  from: FieldTypeSchema,
  to: FieldTypeSchema,
  severity: SeveritySchema,
})
export const NullabilityChangedChangeSchema = z.object({
  kind: z.literal('nullability_changed'),
  path: z.string(),
  from: NullabilitySchema,
  to: NullabilitySchema,
  severity: SeveritySchema,
})

export const DriftChangeSchema = z.discriminatedUnion('kind', [
  AddedChangeSchema,
  RemovedChangeSchema,
  RenamedChangeSchema,
  TypeChangedChangeSchema,
  NullabilityChangedChangeSchema,
])
export type DriftChange = z.infer<typeof DriftChangeSchema>
export type RenamedChange = z.infer<typeof RenamedChangeSchema>

export const DriftResultSchema = z.object({ changes: z.array(DriftChangeSchema) })
export type DriftResult = z.infer<typeof DriftResultSchema>

export const FingerprintResultSchema = z.object({
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  fields: z.number().int().nonnegative(),
})
export type FingerprintResult = z.infer<typeof FingerprintResultSchema>
