// The least type that holds values of both types, on the drift classifier's widening lattice
// (integer < number < string, date < timestamp < string, boolean < string). Types on different
// branches, objects and arrays only meet at string: every value can be carried as text.
import { isWidening } from '../drift/type-lattice.ts'
import type { FieldType } from '../schema-snapshot.ts'

export function widenType(a: FieldType, b: FieldType): FieldType {
  if (a === b) return a
  if (isWidening(a, b)) return b
  if (isWidening(b, a)) return a
  return 'string'
}
