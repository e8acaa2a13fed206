// The mapping registry's transforms: how a source value is re-shaped before its canonical field reads it
// (vocabulary in contract/vocabulary/mapping-registry.ts). Pure; a value a transform cannot convert is
// returned as a failure in words, so the record is quarantined with its reason like any conversion failure.
// A blank value passes through untouched: "the source has no value" is the canonical field's to judge.
import type { MAPPING_TRANSFORMS } from '../../../contract/vocabulary/mapping-registry.ts'
import { temporalTypeOf } from '../ingest/classify-value.ts'
import { describeValue, isBlank } from './fields.ts'

export type MappingTransform = (typeof MAPPING_TRANSFORMS)[number]
export type TransformResult = { ok: true; value: unknown } | { ok: false; message: string }

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/
/** Enough digits for any amount, few enough that 0.07 × 100 reads 7, not 7.000000000000001. */
const round = (n: number) => Math.round(n * 1e9) / 1e9

const fail = (what: string, value: unknown): TransformResult => ({
  ok: false,
  message: `${what} (got ${describeValue(value)})`,
})

function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined
  if (typeof value === 'string' && NUMBER.test(value.trim())) return Number(value.trim())
  return undefined
}

function text(value: unknown, change: (s: string) => string): TransformResult {
  if (typeof value === 'string') return { ok: true, value: change(value) }
  if (typeof value === 'number' || typeof value === 'boolean') return { ok: true, value: change(String(value)) }
  return fail('expected text', value)
}

function epoch(value: unknown, unit: 'seconds' | 'milliseconds'): TransformResult {
  const n = numberOf(value)
  const time = n === undefined ? Number.NaN : unit === 'seconds' ? n * 1000 : n
  // Date covers ±8.64e15 ms; beyond it there is no instant to name.
  if (!Number.isFinite(time) || Math.abs(time) > 8.64e15) return fail(`expected epoch ${unit}`, value)
  return { ok: true, value: new Date(time).toISOString() }
}

export function applyTransform(transform: MappingTransform, value: unknown): TransformResult {
  if (transform === 'none' || isBlank(value)) return { ok: true, value }
  switch (transform) {
    case 'trim':
      return text(value, (s) => s.trim())
    case 'lowercase':
      return text(value, (s) => s.toLowerCase())
    case 'uppercase':
      return text(value, (s) => s.toUpperCase())
    case 'cents_to_amount': {
      const n = numberOf(value)
      return n === undefined ? fail('expected an amount in cents', value) : { ok: true, value: round(n / 100) }
    }
    case 'ratio_to_percent': {
      const n = numberOf(value)
      return n === undefined ? fail('expected a ratio such as 0.25', value) : { ok: true, value: round(n * 100) }
    }
    case 'epoch_seconds_to_timestamp':
      return epoch(value, 'seconds')
    case 'epoch_millis_to_timestamp':
      return epoch(value, 'milliseconds')
    case 'timestamp_to_date': {
      const s = typeof value === 'string' ? value.trim() : ''
      // The calendar day as the source wrote it, like a canonical date field reads one.
      return temporalTypeOf(s) ? { ok: true, value: s.slice(0, 10) } : fail('expected a timestamp or a date', value)
    }
  }
}
