// Deterministic randomness for synthetic benchmark data, so every run measures the same input.
import { seededRandom } from '../../../workers/core/dcl/resolution/random.ts'

/** A seeded generator of numbers in [0, 1) (mulberry32, shared with entity resolution). */
export const rng = seededRandom

export function pick<T>(r: () => number, xs: readonly T[]): T {
  const x = xs[Math.floor(r() * xs.length)]
  if (x === undefined) throw new Error('empty choice')
  return x
}
