// Type widening lattice (the Iceberg / Delta Lake / BigQuery evolution rule): a column can be
// widened in place, never narrowed. integer < number < string, date < timestamp < string,
// boolean < string. Anything involving object or array, or moving sideways, is breaking.
import type { FieldType, Nullability, Severity } from '../schema-snapshot.ts'

const WIDER: Partial<Record<FieldType, FieldType>> = {
  integer: 'number',
  number: 'string',
  date: 'timestamp',
  timestamp: 'string',
  boolean: 'string',
}

/** True when `to` lies strictly above `from` in the lattice (transitively). */
export function isWidening(from: FieldType, to: FieldType): boolean {
  for (let t = WIDER[from]; t !== undefined; t = WIDER[t]) if (t === to) return true
  return false
}

export function typeChangeSeverity(from: FieldType, to: FieldType): Severity {
  return isWidening(from, to) ? 'non_breaking' : 'breaking'
}

export function nullabilityOf(nullable: boolean): Nullability {
  return nullable ? 'nullable' : 'not_null'
}

/** Relaxing (not_null -> nullable) is safe for existing data; tightening is not. */
export function nullabilityChangeSeverity(fromNullable: boolean, toNullable: boolean): Severity {
  return !fromNullable && toNullable ? 'non_breaking' : 'breaking'
}

const SCALAR_REINTERPRETATIONS: ReadonlyArray<readonly [FieldType, FieldType]> = [
  ['integer', 'timestamp'], // unix epoch <-> timestamp
  ['integer', 'date'],
  ['number', 'timestamp'],
  ['integer', 'boolean'], // 0/1 flags
]

/**
 * How plausible it is that a field kept its data across this re-typing, for rename matching:
 * 1 same type, 0.85 widening, 0.6 narrowing along the lattice, 0.4 a known re-encoding, 0 never
 * (objects and arrays do not turn into scalars while staying "the same field").
 */
export function retypePlausibility(from: FieldType, to: FieldType): number {
  if (from === to) return 1
  if (from === 'object' || from === 'array' || to === 'object' || to === 'array') return 0
  if (isWidening(from, to)) return 0.85
  if (isWidening(to, from)) return 0.6
  for (const [a, b] of SCALAR_REINTERPRETATIONS) {
    if ((a === from && b === to) || (a === to && b === from)) return 0.4
  }
  return 0.2
}
