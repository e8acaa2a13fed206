// Ingest path of the Adaptive API Mesh: parser options, parsed rows and field profiles.
// These zod schemas are the single source of truth for both validation and the TypeScript types;
// the parsers validate options once and keep their hot loops free of validation.
import { z } from 'zod'
import { FieldTypeSchema } from '../schema-snapshot.ts'

const positiveInt = z.number().int().positive()

export const CsvOptionsSchema = z.object({
  // One character that is not the quote or a line break (the state machine compares char codes).
  delimiter: z
    .string()
    .length(1)
    .refine((d) => d !== '"' && d !== '\r' && d !== '\n', { error: 'must not be a quote or a line break' })
    .default(','),
  // Column names for a file without a header row; when given, the first record is data.
  header: z.array(z.string()).min(1).optional(),
  // Blank lines (nothing between two line breaks) carry no record; trailing ones are common.
  skipEmptyLines: z.boolean().default(true),
  // Bounds memory when a stray quote would otherwise swallow the rest of the file into one field.
  maxRecordChars: positiveInt.default(1 << 20),
})
export type CsvOptions = z.input<typeof CsvOptionsSchema>

/** How much of an over-long record's text a quarantine entry keeps inline (the rest stays in the file). */
export const RAW_PREVIEW_CHARS = 64 * 1024

/** The start of an over-long record's text, never ending in half a surrogate pair. */
export function rawPreview(text: string, max = RAW_PREVIEW_CHARS): string {
  const cut = text.slice(0, max)
  const last = cut.charCodeAt(cut.length - 1)
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut
}

export const JsonlOptionsSchema = z.object({
  maxLineChars: positiveInt.default(1 << 20),
})
export type JsonlOptions = z.input<typeof JsonlOptionsSchema>

// `line` is the 1-based physical line on which the record starts (a quoted newline makes a
// record span lines), so an operator can find it in the source file.
const line = positiveInt

export const RowErrorSchema = z.object({
  ok: z.literal(false),
  line,
  reason: z.string(),
  raw: z.string(), // the record's text as read, for quarantine
  // Set when the record is longer than the size limit: `raw` is its start, and the whole record is the
  // physical line `line` of the source file (never deleted), served by GET /v1/quarantine/{id}/raw.
  truncated: z.literal(true).optional(),
})
export type RowError = z.infer<typeof RowErrorSchema>

export const CsvRowSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), line, record: z.record(z.string(), z.string()) }),
  RowErrorSchema,
])
export type CsvRow = z.infer<typeof CsvRowSchema>

export const JsonlRowSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), line, record: z.record(z.string(), z.unknown()) }),
  RowErrorSchema,
])
export type JsonlRow = z.infer<typeof JsonlRowSchema>

/** How scalar values are read: `text` for untyped sources (CSV), `json` for typed documents. */
export const ValueFormatSchema = z.enum(['text', 'json'])
export type ValueFormat = z.infer<typeof ValueFormatSchema>

export const InferOptionsSchema = z.object({
  format: ValueFormatSchema.default('json'),
  maxSamples: z.number().int().nonnegative().default(10),
  // Exact distinct counting up to this many values per field, then "at least".
  maxDistinct: z.number().int().nonnegative().default(1000),
  // Documents with dynamic keys (maps keyed by id) would otherwise grow the schema without bound.
  maxFields: positiveInt.default(5000),
  maxDepth: positiveInt.default(32),
  maxSampleChars: positiveInt.default(200),
})
export type InferOptions = z.input<typeof InferOptionsSchema>

const bound = z.union([z.number(), z.string()])

export const FieldProfileSchema = z.object({
  path: z.string(),
  type: FieldTypeSchema,
  nullable: z.boolean(),
  present: z.number().int().nonnegative(), // records with a non-null value
  nulls: z.number().int().nonnegative(), // records with an explicit null (or '' in text)
  missing: z.number().int().nonnegative(), // records without the field at all
  distinct: z.number().int().nonnegative(),
  distinctCapped: z.boolean(), // true: `distinct` is a lower bound
  // Numbers for integer/number fields, the source's ISO strings for date/timestamp fields.
  min: bound.optional(),
  max: bound.optional(),
})
export type FieldProfile = z.infer<typeof FieldProfileSchema>
